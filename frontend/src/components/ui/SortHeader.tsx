// A sortable table's column header: the sort is a button inside the `<th>` (so the keyboard reaches
// it and a screen reader names it), and the sorted column carries `aria-sort`. The table keeps the
// sorting itself, in the address or in state.
import './sort-header.css';

export type SortOrder = 'asc' | 'desc';
export type Sorting<Key extends string> = { sort: Key; order: SortOrder };
/** A column; without `sort` its header is plain text. */
export type SortColumn<Key extends string> = { label: string; sort?: Key; numeric?: boolean; hint?: string };

const ORDER_WORDS = { asc: 'ascending', desc: 'descending' } as const;

type SortHeaderProps<Key extends string> = {
  column: SortColumn<Key>;
  sorting: Sorting<Key>;
  onSort: (sort: Key) => void;
};

export function SortHeader<Key extends string>({ column, sorting, onSort }: SortHeaderProps<Key>) {
  const className = column.numeric ? 'text-end text-nowrap' : 'text-nowrap';
  // The roles restate the table's semantics, which some browsers drop once CSS turns rows into grids.
  if (!column.sort) {
    return (
      <th scope="col" role="columnheader" className={className} title={column.hint}>
        {column.label}
      </th>
    );
  }
  const active = sorting.sort === column.sort;
  const sort = column.sort;
  return (
    <th
      scope="col"
      role="columnheader"
      className={className}
      title={column.hint}
      aria-sort={active ? ORDER_WORDS[sorting.order] : undefined}
    >
      <button type="button" className={`sort-button${active ? ' is-active' : ''}`} onClick={() => onSort(sort)}>
        {column.label}
        <span aria-hidden="true" className="sort-indicator">
          {active ? (sorting.order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
