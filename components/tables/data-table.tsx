import { createTable, flexRender, getCoreRowModel, type ColumnDef, type TableOptionsResolved } from '@tanstack/react-table';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData, TValue> {
    numeric?: boolean;
  }
}

/**
 * A server-rendered TanStack table: the server sorts and pages, the pager is plain links, so the
 * table is laid out on the server with TanStack's core and no table code reaches the browser.
 */
export function DataTable<Row>({
  columns,
  rows,
  caption,
  emptyText,
}: {
  columns: ColumnDef<Row, unknown>[];
  rows: Row[];
  caption: string;
  emptyText: string;
}) {
  const options: TableOptionsResolved<Row> = {
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    state: {},
    onStateChange: () => {},
    renderFallbackValue: null,
  };
  const table = createTable(options);
  // As useReactTable does: the table's own initial state (column order, visibility, …).
  table.setOptions((previous) => ({ ...previous, state: table.initialState }));
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th
                  key={header.id}
                  scope="col"
                  className={`px-4 py-3 font-medium ${header.column.columnDef.meta?.numeric ? 'text-right' : ''}`}
                >
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-stone-100">
          {table.getRowModel().rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-4 py-8 text-center text-stone-500">
                {emptyText}
              </td>
            </tr>
          ) : (
            table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={`px-4 py-3 ${cell.column.columnDef.meta?.numeric ? 'text-right tabular-nums' : ''}`}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
