/**
 * Reads a CSV file (RFC 4180: quoted fields may hold the separator, "" and line breaks) into rows
 * of field texts, without the leading BOM; for tests that check what a spreadsheet would see.
 */
export function readCsv(text: string, separator: ',' | ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\r' && body[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i += 1;
    } else field += char;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field.');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
