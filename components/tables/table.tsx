import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes, HTMLAttributes } from 'react';

/**
 * THE table of the shop, server-rendered and usable from client components too (no hooks).
 * From 640 px it is a plain table; below, each body row is a card of label/value pairs, the
 * column's header as the label (a cell's `label`, shown by app/globals.css `table.stacked`), so
 * every amount stays on screen without sideways scrolling. The explicit roles keep the table's
 * semantics when the phone layout turns its parts into blocks (Safari drops them otherwise).
 */
export function Table({
  caption,
  children,
  bare = false,
  stack = true,
  testId,
}: {
  /** The table's accessible name (read out, not shown). */
  caption: string;
  children: ReactNode;
  /** Inside a card that already draws the box: no border of its own, cells aligned with the card's text. */
  bare?: boolean;
  /** false: a narrow table (two or three short columns) that stays a table on phones too. */
  stack?: boolean;
  testId?: string;
}) {
  return (
    <div className={bare ? '-mx-4' : 'rounded-lg border border-stone-200 bg-white shadow-sm sm:overflow-x-auto'}>
      <table role="table" className={`${stack ? 'stacked' : ''} w-full text-left text-sm`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** The header row. Its cells are read out on phones but not shown, unless marked `control` (a sort link, select all). */
export function TableHead({ children, bare = false }: { children: ReactNode; bare?: boolean }) {
  return (
    <thead role="rowgroup" className={bare ? 'text-xs uppercase tracking-wide text-stone-600' : 'bg-stone-100 text-xs uppercase tracking-wide text-stone-600'}>
      <tr role="row">{children}</tr>
    </thead>
  );
}

export function HeaderCell({
  children,
  numeric = false,
  control = false,
  className = '',
  ...th
}: ThHTMLAttributes<HTMLTableCellElement> & {
  children?: ReactNode;
  numeric?: boolean;
  /** It holds a control with its own 44 px target (a sort link, the select-all box): shown on phones too. */
  control?: boolean;
}) {
  return (
    <th
      role="columnheader"
      scope="col"
      data-phone={control ? '' : undefined}
      className={`px-4 font-medium ${control ? 'py-0' : 'py-3'} ${numeric ? 'text-right' : ''} ${className}`}
      {...th}
    >
      {children}
    </th>
  );
}

/** A row's or the header's checkbox inside a 44 px tap target (wrap the input in a label with it). */
export const checkboxTarget = 'inline-flex size-11 cursor-pointer items-center justify-center align-middle';

export function TableBody({ children }: { children: ReactNode }) {
  return (
    <tbody role="rowgroup" className="divide-y divide-stone-100">
      {children}
    </tbody>
  );
}

export function Row({ children, ...tr }: HTMLAttributes<HTMLTableRowElement> & { 'data-testid'?: string }) {
  return (
    <tr role="row" {...tr}>
      {children}
    </tr>
  );
}

type CellProps = TdHTMLAttributes<HTMLTableCellElement> & {
  /** The column's header: the label beside the value on phones. None for a cell that speaks for itself. */
  label?: string;
  numeric?: boolean;
  /** On phones, a line of its own across the card without a label (a row's title, its actions, a form). */
  wide?: boolean;
  'data-testid'?: string;
};

function cellAttributes({ label, wide }: Pick<CellProps, 'label' | 'wide'>) {
  return { 'data-label': wide ? undefined : label || undefined, 'data-wide': wide ? '' : undefined };
}

export function Cell({ label, numeric = false, wide = false, className = '', children, ...td }: CellProps) {
  return (
    <td
      role="cell"
      {...cellAttributes({ label, wide })}
      className={`px-4 py-3 ${numeric ? 'text-right tabular-nums' : ''} ${className}`}
      {...td}
    >
      {children}
    </td>
  );
}

/** The cell that names its row (a tax rate, a day): a `th scope="row"`, laid out as a cell. */
export function RowHeaderCell({ label, numeric = false, wide = false, className = '', children, ...th }: CellProps & ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      role="rowheader"
      scope="row"
      {...cellAttributes({ label, wide })}
      className={`px-4 py-3 font-normal ${numeric ? 'text-right tabular-nums' : ''} ${className}`}
      {...th}
    >
      {children}
    </th>
  );
}

/** The one row of a table with nothing in it. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr role="row">
      <td role="cell" colSpan={colSpan} data-wide="" className="px-4 py-8 text-center text-stone-600">
        {children}
      </td>
    </tr>
  );
}

export function TableFoot({ children }: { children: ReactNode }) {
  return (
    <tfoot role="rowgroup" className="border-t border-stone-200">
      {children}
    </tfoot>
  );
}

const totalStyles = {
  normal: { row: '', label: 'font-normal text-stone-600', value: '' },
  total: { row: 'border-t border-stone-200', label: 'font-medium text-stone-900', value: 'text-base font-semibold' },
  note: { row: 'text-xs', label: 'font-normal text-stone-600', value: 'text-stone-600' },
} as const;

/** A total under the columns: its words under the first `span` columns, the amount under the last. */
export function TotalRow({
  label,
  span,
  children,
  testId,
  emphasis = 'normal',
}: {
  label: ReactNode;
  span: number;
  children: ReactNode;
  testId?: string;
  /** normal: a part (subtotal, tax); total: what is paid or due; note: a remark (tax included). */
  emphasis?: keyof typeof totalStyles;
}) {
  const style = totalStyles[emphasis];
  return (
    <tr role="row" className={style.row}>
      <th role="rowheader" scope="row" colSpan={span} className={`px-4 py-2 text-right ${style.label}`}>
        {label}
      </th>
      <td role="cell" className={`px-4 py-2 text-right tabular-nums ${style.value}`} data-testid={testId}>
        {children}
      </td>
    </tr>
  );
}
