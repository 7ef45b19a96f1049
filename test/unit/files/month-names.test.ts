import { describe, expect, it } from "vitest";
import { monthNameDate } from "../../../src/adapters/platforms/files/month-names.js";

describe("dates with an English month name", () => {
  it.each([
    ["Sep-30-26", "2026-09-30 00:00:00"], // eBay Orders report
    ["Sep-30-26 23:45:00", "2026-09-30 23:45:00"],
    ["May 31, 2024 10:15:22 AM", "2024-05-31 10:15:22"], // Magento orders grid
    ["Oct 14, 2020 12:01:37 AM", "2020-10-14 00:01:37"],
    ["Mar 5, 2024", "2024-03-05 00:00:00"],
    ["30-Sep-2026 10:00", "2026-09-30 10:00:00"],
    ["3 Sept 2024", "2024-09-03 00:00:00"],
  ])("%s is %s", (raw, iso) => {
    expect(monthNameDate(raw)).toBe(iso);
  });

  it.each(["3/4/2024", "2024-03-04", "Mayo 3, 2024", "Foo-30-26", "Sep-32-26"])("%s is not one", (raw) => {
    expect(monthNameDate(raw)).toBeUndefined();
  });
});
