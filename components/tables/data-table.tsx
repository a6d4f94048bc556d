import {
  createTable,
  flexRender,
  getCoreRowModel,
  type Column,
  type ColumnDef,
  type Header,
  type Row as TanstackRow,
  type Table as TanstackTable,
  type TableOptionsResolved,
} from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { Cell, EmptyRow, HeaderCell, Row, Table, TableBody, TableHead } from './table';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData, TValue> {
    numeric?: boolean;
    /** The header in words, when `header` is not a string (a sort link): the label of the column's cells on phones. */
    label?: string;
    /** The header holds a control with its own 44 px target (a sort link): shown on phones too. */
    control?: boolean;
    /** On phones the cell is a line of its own without a label (a row's title or actions). */
    wide?: boolean;
  }
}

/** The words that label a column's cells on phones: its header when that is text, else `meta.label`. */
export function columnLabel<T>(column: Column<T, unknown>): string | undefined {
  const { header, meta } = column.columnDef;
  return meta?.label ?? (typeof header === 'string' ? header : undefined);
}

/**
 * The body of a TanStack table on the table primitive: header cells, rows and the empty row.
 * `before`/`after` add cells that are not columns (a selection box, row actions) to each row.
 */
export function TanstackTableParts<T>({
  table,
  emptyText,
  headerBefore,
  headerAfter,
  header: renderHeader,
  before,
  after,
  rowProps,
  extraColumns = 0,
  renderRow,
}: {
  table: TanstackTable<T>;
  emptyText: string;
  headerBefore?: ReactNode;
  headerAfter?: ReactNode;
  /** Draws a column's header cell itself (a sort button); keyed by header.id. */
  header?: (header: Header<T, unknown>) => ReactNode;
  before?: (row: TanstackRow<T>) => ReactNode;
  after?: (row: TanstackRow<T>) => ReactNode;
  rowProps?: (row: TanstackRow<T>) => { className?: string; id?: string };
  /** Cells added by `before`/`after` (for the empty row's span). */
  extraColumns?: number;
  /** Wraps each row, keyed by row.id (for a row that opens another under it). */
  renderRow?: (row: TanstackRow<T>, tr: ReactNode) => ReactNode;
}) {
  const rows = table.getRowModel().rows;
  return (
    <>
      {table.getHeaderGroups().map((group) => (
        <TableHead key={group.id}>
          {headerBefore}
          {group.headers.map((header) =>
            renderHeader ? (
              renderHeader(header)
            ) : (
              <HeaderCell key={header.id} numeric={header.column.columnDef.meta?.numeric} control={header.column.columnDef.meta?.control}>
                {flexRender(header.column.columnDef.header, header.getContext())}
              </HeaderCell>
            ),
          )}
          {headerAfter}
        </TableHead>
      ))}
      <TableBody>
        {rows.length === 0 ? (
          <EmptyRow colSpan={table.getVisibleLeafColumns().length + extraColumns}>{emptyText}</EmptyRow>
        ) : (
          rows.map((row) => {
            const tr = (
              <Row key={row.id} {...rowProps?.(row)}>
                {before?.(row)}
                {row.getVisibleCells().map((cell) => (
                  <Cell
                    key={cell.id}
                    label={columnLabel(cell.column)}
                    numeric={cell.column.columnDef.meta?.numeric}
                    wide={cell.column.columnDef.meta?.wide}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Cell>
                ))}
                {after?.(row)}
              </Row>
            );
            return renderRow ? renderRow(row, tr) : tr;
          })
        )}
      </TableBody>
    </>
  );
}

/**
 * A server-rendered TanStack table: the server sorts and pages, the pager is plain links, so the
 * table is laid out on the server with TanStack's core and no table code reaches the browser.
 * On the table primitive (./table): a card per row on phones.
 */
export function DataTable<T>({
  columns,
  rows,
  caption,
  emptyText,
}: {
  columns: ColumnDef<T, unknown>[];
  rows: T[];
  caption: string;
  emptyText: string;
}) {
  const options: TableOptionsResolved<T> = {
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
    <Table caption={caption}>
      <TanstackTableParts table={table} emptyText={emptyText} />
    </Table>
  );
}
