import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';

/** How many are left, when it matters: "Out of stock", or "Only 3 left" from `few` down; nothing when not tracked. */
export function StockNote({ stock, few = 5 }: { stock: number | null; few?: number }) {
  const t = useTranslations('shop.stock');
  if (stock === null || stock > few) return null;
  return stock === 0 ? <Badge tone="danger">{t('outOfStock')}</Badge> : <Badge tone="warning">{t('onlyLeft', { count: stock })}</Badge>;
}
