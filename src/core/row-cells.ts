/**
 * A table row's cells by column key: an array per row over an index of the table's columns that every row shares,
 * in place of a Map per row (30,000 rows at 10,000 projects, each Map several times the size of an array).
 *
 * A cell that can report nothing when read (a blank or a plain number: see the reader) may be left unread, and is
 * read when first asked for: most steps look at few of a table's cells (计算 reads figures from the snapshot, not the
 * model), and a read cell held to the end of a command is what the garbage collector spends its time copying.
 */
import type { CellModel } from "./model";
import type { CellValue } from "./snapshot";

/** How a row's unread cells are read: by row and by the cell's position in the table's column index. */
export interface DeferredReading {
  read(row: number, i: number): CellModel;
  /** What the workbook holds there, as the cell read would have it as its `original`. */
  original(row: number, i: number): CellValue;
}

export class RowCells implements ReadonlyMap<string, CellModel> {
  /**
   * `cells[i]` is the cell of the column `index` maps to i: every column of the table has one, read already or
   * (undefined here) to be read by `reading` from row `row` when asked for.
   */
  constructor(
    private readonly index: ColumnIndex,
    private readonly cells: (CellModel | undefined)[],
    private readonly reading?: DeferredReading,
    private readonly row = -1,
  ) {}

  get size(): number {
    return this.cells.length;
  }

  get(key: string): CellModel | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : (this.cells[i] ?? this.readNow(i));
  }

  /** The cell of `key` if it has been read, without reading it (an unread cell is a blank or a plain number). */
  peek(key: string): CellModel | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.cells[i];
  }

  /**
   * The cell of `key`, an unread one read but not kept: for a step that keeps what it works out from the cell (the
   * checker's figures), as every cell kept is copied by the garbage collector until the command ends.
   */
  look(key: string): CellModel | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : (this.cells[i] ?? this.reading!.read(this.row, i));
  }

  /** The `original` of the cell of `key`, without reading it: what the workbook holds there. */
  original(key: string): CellValue | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const cell = this.cells[i];
    return cell ? cell.original : this.reading!.original(this.row, i);
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  /** Sets the cell of `key` (a patched model's change), or leaves it unread, to be read by `reading`, when undefined. */
  replace(key: string, cell: CellModel | undefined): void {
    this.cells[this.index.get(key)!] = cell;
  }

  /** The cells read so far, in column order: what a question only a text, an error or a date answers needs to see. */
  forEachRead(callback: (cell: CellModel, key: string) => void): void {
    const keys = this.index.keys;
    for (let i = 0; i < keys.length; i++) {
      const cell = this.cells[i];
      if (cell !== undefined) callback(cell, keys[i]);
    }
  }

  *entries(): MapIterator<[string, CellModel]> {
    const keys = this.index.keys;
    for (let i = 0; i < keys.length; i++) yield [keys[i], this.cellAt(i)];
  }

  keys(): MapIterator<string> {
    return this.index.keys.values();
  }

  values(): MapIterator<CellModel> {
    for (let i = 0; i < this.cells.length; i++) this.cellAt(i);
    return (this.cells as CellModel[]).values();
  }

  [Symbol.iterator](): MapIterator<[string, CellModel]> {
    return this.entries();
  }

  // Index loops: a Map's or a generator's iteration makes an object per entry, and rows are iterated by the 10,000.
  forEach(callback: (cell: CellModel, key: string, map: ReadonlyMap<string, CellModel>) => void): void {
    const keys = this.index.keys;
    for (let i = 0; i < keys.length; i++) callback(this.cellAt(i), keys[i], this);
  }

  private cellAt(i: number): CellModel {
    return this.cells[i] ?? this.readNow(i);
  }

  private readNow(i: number): CellModel {
    const cell = this.reading!.read(this.row, i);
    this.cells[i] = cell;
    return cell;
  }
}

/** A table's column keys in reading order, and each one's position: shared by every row of the table. */
export class ColumnIndex {
  private readonly positions: ReadonlyMap<string, number>;

  constructor(readonly keys: readonly string[]) {
    this.positions = new Map(keys.map((key, i) => [key, i]));
  }

  get(key: string): number | undefined {
    return this.positions.get(key);
  }

  has(key: string): boolean {
    return this.positions.has(key);
  }
}
