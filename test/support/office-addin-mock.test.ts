/**
 * How office-addin-mock@4 (OfficeMockObject) behaves — for whoever tests the Office.js host code.
 * (Runs with office-addin-manifest mapped to ./office-addin-manifest-stub.ts, see jest.config.js.)
 *
 * - `new OfficeMockObject(data)`: every nested plain object in `data` becomes a child OfficeMockObject;
 *   scalars AND arrays (e.g. `values: [[1, 2]]`) become loadable properties; functions are kept as-is
 *   (`this` inside them is the mock they sit on, so `getSelectedRange() { return this.range; }` works).
 *   The root is usually used as the RequestContext: `context.sync()` syncs the whole tree.
 * - Load-before-read IS enforced, but by VALUE, NOT by throwing:
 *     before load():             prop === "Error, property was not loaded"
 *     after load(), before sync: prop === "Error, context.sync() was not called"
 *     after load() + sync():     the real value
 *   So a forgotten load/sync shows up as that string flowing into your output. Assert on real values
 *   (or use expectLoaded() below) — a test that only checks "no exception" proves nothing.
 * - load() of a property that is NOT in the mock data DOES throw:
 *     "Property nope needs to be present in object model before load is called."
 *   load() accepts "a, b", ["a", "b"], "format/fill/color" (navigational) and {a: true}; load() = all.
 * - Assigning a property (range.values = …) just sets it; it reads back without load/sync.
 * - There is no `range.context`; pass the mock context into the code under test (or fake
 *   `Excel.run = (cb) => cb(context)`), and add any methods you call (getRange, …) as functions in the data.
 * - With data `{host: "outlook"}` (OfficeApp.Outlook) load tracking is switched off entirely.
 */
import { OfficeMockObject } from "office-addin-mock";

const NOT_LOADED = "Error, property was not loaded";
const NOT_SYNCED = "Error, context.sync() was not called";

/** Throw if a value read from an OfficeMockObject is one of its "you forgot load/sync" markers. */
function expectLoaded<T>(v: T): T {
  if (v === (NOT_LOADED as unknown) || v === (NOT_SYNCED as unknown)) throw new Error(String(v));
  return v;
}

function makeContext() {
  return new OfficeMockObject({
    workbook: {
      range: { address: "C2:G3", values: [[1, 2, 3, 4, 5]], format: { fill: { color: "#FFFF00" } } },
      getSelectedRange: function () {
        return (this as OfficeMockObject).range;
      },
    },
  });
}

test("load → sync → read gives the value", async () => {
  const context = makeContext();
  const range = context.workbook.getSelectedRange();
  range.load("address, values");
  await context.sync();
  expect(range.address).toBe("C2:G3");
  expect(range.values).toEqual([[1, 2, 3, 4, 5]]);
});

test("navigational load works through nested objects", async () => {
  const context = makeContext();
  context.workbook.range.load("format/fill/color");
  await context.sync();
  expect(context.workbook.range.format.fill.color).toBe("#FFFF00");
});

test("reading before load or before sync does not throw: it yields an error string", async () => {
  const context = makeContext();
  const range = context.workbook.range;
  expect(range.address).toBe(NOT_LOADED);
  expect(() => expectLoaded(range.address)).toThrow(NOT_LOADED);

  range.load("address");
  expect(range.address).toBe(NOT_SYNCED);
  expect(() => expectLoaded(range.address)).toThrow(NOT_SYNCED);
  expect(range.values).toBe(NOT_LOADED); // only what was loaded becomes readable

  await context.sync();
  expect(expectLoaded(range.address)).toBe("C2:G3");
});

test("loading a property the mock data does not define throws", () => {
  const context = makeContext();
  expect(() => context.workbook.range.load("numberFormat")).toThrow(
    "Property numberFormat needs to be present in object model before load is called.",
  );
});

test("writes need no load and read back directly", async () => {
  const context = makeContext();
  const range = context.workbook.range;
  range.values = [[9]];
  expect(range.values).toEqual([[9]]);
  await context.sync();
  expect(range.values).toEqual([[9]]);
});
