import { type Frequency, FrequencyError, parseFrequency as parse } from "../../common/frequency";
import { apiError } from "../errors";

export { type Frequency, nextRun } from "../../common/frequency";

/** Parses and checks a Frequency; any problem is the API's `InvalidParam.Frequency`. */
export function parseFrequency(text: string, timeoutSeconds: number, now: number, cronZone?: string): Frequency {
  try {
    return parse(text, timeoutSeconds, now, cronZone);
  } catch (error) {
    if (error instanceof FrequencyError) throw apiError("InvalidParam.Frequency");
    throw error;
  }
}
