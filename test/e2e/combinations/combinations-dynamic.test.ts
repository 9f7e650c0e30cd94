import { describeCombinations } from "./scenarios";

// Through the dynamic provider (the resource classes): the combination test (see matrix).
jest.setTimeout(900_000);

describe("features that compose: every way to run with every feature, dynamic provider", () => {
  describeCombinations(false);
});
