import { describeCombinations } from "./scenarios";

// Through the provider package (the generated SDK and the plugin): the combination test (see matrix).
jest.setTimeout(900_000);

describe("features that compose: every way to run with every feature, provider package", () => {
  describeCombinations(true);
});
