import { useEffect, useRef, useState, type ReactNode } from 'react';

interface VirtualListProps<T> {
  items: readonly T[];
  /** every row is exactly this tall, in CSS pixels: it is what makes the arithmetic exact */
  rowHeight: number;
  /** rows rendered above and below the visible ones, so a fast wheel never shows a gap */
  overscan?: number;
  rowKey(item: T): string;
  renderRow(item: T, index: number): ReactNode;
  label: string;
  className?: string;
}

/**
 * A list that renders only the rows in view (plus a margin): ten thousand
 * sellers cost as much as thirty. Rows are positioned absolutely inside a
 * spacer as tall as the whole list, so the scrollbar tells the truth.
 */
export function VirtualList<T>({ items, rowHeight, overscan = 8, rowKey, renderRow, label, className }: VirtualListProps<T>) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A shorter list (a filter typed) may end above the current scroll position.
  const maxTop = Math.max(0, items.length * rowHeight - height);
  const top = Math.min(scrollTop, maxTop);
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + overscan);

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i]!;
    rows.push(
      <div key={rowKey(item)} role="listitem" aria-setsize={items.length} aria-posinset={i + 1} className="vrow" style={{ transform: `translateY(${i * rowHeight}px)`, height: rowHeight }}>
        {renderRow(item, i)}
      </div>,
    );
  }

  return (
    <div ref={box} className={`vlist ${className ?? ''}`} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} aria-label={label} role="list" tabIndex={-1}>
      <div className="vlist-spacer" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
