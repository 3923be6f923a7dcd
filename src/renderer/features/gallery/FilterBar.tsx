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
import { ChoiceSelect } from '../../components/ChoiceSelect'
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

const paidChoices: ReadonlyArray<GalleryFilters['paid']> = ['', 'free', 'paid']
const paidLabels: Readonly<Record<GalleryFilters['paid'], string>> = {
  '': 'Free or paid',
  free: 'Free',
  paid: 'Paid',
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
        <ChoiceSelect<MediaStatus | ''>
          value={filters.statuses[0] ?? ''}
          choices={['', ...mediaStatuses]}
          label={(status) => (status === '' ? 'Any' : statusLabels[status])}
          onChange={(status) => update({ statuses: status === '' ? [] : [status] })}
          testId="filter-status"
        />
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
        <ChoiceSelect
          value={filters.paid}
          choices={paidChoices}
          label={(paid) => paidLabels[paid]}
          onChange={(paid) => update({ paid })}
          testId="filter-paid"
        />
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
        <ChoiceSelect<GalleryFilters['accessRule']>
          value={filters.accessRule}
          choices={['', ...accessRuleKinds]}
          label={(kind) => (kind === '' ? 'Any rule' : accessRuleLabels[kind])}
          onChange={(accessRule) => update({ accessRule })}
        />
      </label>
      <label className="field">
        <span>Sort</span>
        <ChoiceSelect
          value={filters.sort}
          choices={sorts}
          label={(sort) => sortLabels[sort]}
          onChange={(sort) => update({ sort })}
          testId="filter-sort"
        />
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
