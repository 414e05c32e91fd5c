/** The body of the export proxy's POST /export as the studio sends it (documented in proxy/README.md). */
export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not_in' | 'is_null' | 'not_null' | 'like' | 'ilike' | 'contains';
export const FILTER_OPS: readonly FilterOp[] = ['=', '!=', '<', '<=', '>', '>=', 'in', 'not_in', 'is_null', 'not_null', 'like', 'ilike', 'contains'];

export interface ProxyFilter {
  column: string;
  op: FilterOp;
  value?: string | number | boolean | null | (string | number | boolean)[];
}

export interface ProxyExportBody {
  table: string;
  columns?: string[];
  filters?: ProxyFilter[];
  orderBy?: { column: string; direction?: 'asc' | 'desc' }[];
  limit?: number;
  format: 'arrow';
}
