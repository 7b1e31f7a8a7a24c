/**
 * Payload sizes as Excel on the web counts them: its 5 MB request and response limit is on the bytes sent, and JSON
 * travels as UTF-8, where a CJK character (sheet names such as '项目' in every cross-sheet formula) takes 3 bytes,
 * not the 1 that String.length says.
 */

/** UTF-8 byte length of a string, without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      // A surrogate pair is one 4-byte character.
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
