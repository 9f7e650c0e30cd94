// LIMITATIONS: BssOpenApi (billing, API version 2017-12-14) is not emulated; the one action served,
// QueryAvailableInstances, answers an empty page: no subscriptions exist locally. Terraform's
// alicloud provider calls it at start when `account_type` is not set, to tell a domestic account
// from an international one (an error it knows means international; an answer means domestic), so
// pointing its `bssopenapi` endpoint here lets it start unchanged.
// What the real cloud is assumed to do here, and the live check of it: docs/cloud-assumptions.md (A21).
import type { Handler } from "./context";

/** BssOpenApi's version: requests for its actions carry it instead of ECS's 2014-05-26. */
export const BILLING_API_VERSION = "2017-12-14";

export const billingHandlers: Record<string, Handler> = {
  /** The account's subscription instances of a product: none here. */
  QueryAvailableInstances(_ctx, params) {
    const pageNum = params.int("PageNum", 1);
    const pageSize = params.int("PageSize", 20);
    params.string("ProductCode");
    params.string("ProductType");
    params.string("SubscriptionType");
    return { Success: true, Code: "Success", Message: "Successful!", Data: { PageNum: pageNum, PageSize: pageSize, TotalCount: 0, InstanceList: [] } };
  },
};
