// Search and filters for the gallery. Every control writes straight to the URL through
// `onChange`, so the browser's history is the filter history.
import type { ReactElement } from 'react'
import {
  accessRuleKinds,
  mediaStatuses,
  mediaTypes,
  type MediaStatus,
  type MediaType,
} from '../../../shared/domain'
import { accessRuleLabels, statusLabels, typePlurals } from '../../lib/labels'
import { SearchBox } from './SearchBox'
import { emptyFilters, hasActiveFilters, sorts, type GalleryFilters } from './filters'

export interface FilterBarProps {
  readonly filters: GalleryFilters
  readonly onChange: (filters: GalleryFilters, options?: { readonly replace?: boolean }) => void
}

const sortLabels: Readonly<Record<(typeof sorts)[number], string>> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  largest: 'Largest first',
  smallest: 'Smallest first',
}

export function FilterBar({ filters, onChange }: FilterBarProps): ReactElement {
  const update = (patch: Partial<GalleryFilters>): void => onChange({ ...filters, ...patch })
  const toggleType = (type: MediaType): void => {
    const types = filters.types.includes(type)
      ? filters.types.filter((t) => t !== type)
      : [...filters.types, type]
    update({ types })
  }

  return (
    <div className="filter-bar" role="search">
      <SearchBox
        value={filters.search}
        onChange={(search) => onChange({ ...filters, search }, { replace: true })}
      />
      <div className="chip-group" role="group" aria-label="Type">
        {mediaTypes.map((type) => (
          <button
            key={type}
            type="button"
            className="chip"
            aria-pressed={filters.types.includes(type)}
            onClick={() => toggleType(type)}
          >
            {typePlurals[type]}
          </button>
        ))}
      </div>
      <label className="field">
        <span>Status</span>
        <select
          value={filters.statuses[0] ?? ''}
          onChange={(event) => {
            const value = event.target.value as MediaStatus | ''
            update({ statuses: value === '' ? [] : [value] })
          }}
          data-testid="filter-status"
        >
          <option value="">Any</option>
          {mediaStatuses.map((status) => (
            <option key={status} value={status}>
              {statusLabels[status]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>From</span>
        <input type="date" value={filters.from} onChange={(event) => update({ from: event.target.value })} />
      </label>
      <label className="field">
        <span>To</span>
        <input type="date" value={filters.to} onChange={(event) => update({ to: event.target.value })} />
      </label>
      <label className="field">
        <span>Price</span>
        <select
          value={filters.paid}
          onChange={(event) => update({ paid: event.target.value as GalleryFilters['paid'] })}
          data-testid="filter-paid"
        >
          <option value="">Free or paid</option>
          <option value="free">Free</option>
          <option value="paid">Paid</option>
        </select>
      </label>
      {filters.paid !== 'free' && (
        <div className="field price-range">
          <input
            type="number"
            min="0"
            step="0.01"
            placeholder="Min $"
            aria-label="Minimum price"
            value={filters.minPrice}
            onChange={(event) => update({ minPrice: event.target.value })}
          />
          <span aria-hidden="true">–</span>
          <input
            type="number"
            min="0"
            step="0.01"
            placeholder="Max $"
            aria-label="Maximum price"
            value={filters.maxPrice}
            onChange={(event) => update({ maxPrice: event.target.value })}
          />
        </div>
      )}
      <label className="field">
        <span>Access</span>
        <select
          value={filters.accessRule}
          onChange={(event) => update({ accessRule: event.target.value as GalleryFilters['accessRule'] })}
        >
          <option value="">Any rule</option>
          {accessRuleKinds.map((kind) => (
            <option key={kind} value={kind}>
              {accessRuleLabels[kind]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Sort</span>
        <select
          value={filters.sort}
          onChange={(event) => update({ sort: event.target.value as GalleryFilters['sort'] })}
          data-testid="filter-sort"
        >
          {sorts.map((sort) => (
            <option key={sort} value={sort}>
              {sortLabels[sort]}
            </option>
          ))}
        </select>
      </label>
      {hasActiveFilters(filters) && (
        <button
          type="button"
          className="link-button"
          onClick={() =>
            onChange({
              ...emptyFilters,
              sort: filters.sort,
              accountId: filters.accountId,
              chatId: filters.chatId,
            })
          }
        >
          Clear filters
        </button>
      )}
    </div>
  )
}
