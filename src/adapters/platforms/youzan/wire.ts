/**
 * The shapes of the Youzan answers we read, as zod schemas: strict on the fields the mappers need (a
 * trade without tid, a line without a quantity is a remote failure naming the field, never a silently
 * dropped order), loose on the rest, which pass through for the mappers' optional reads.
 */
import { z } from "zod";

/** Youzan sends numbers as numbers or as digit strings depending on the API version. */
const scalar = z.union([z.string(), z.number()]);

export const tradeInfoSchema = z.looseObject({
  order_info: z.looseObject({ tid: z.string().min(1), created: scalar, status: z.string() }),
  orders: z.array(z.looseObject({ num: scalar, price: scalar, title: z.string() })),
});

export const tradesPageSchema = z.looseObject({
  total_results: scalar.optional(),
  paginator: z.looseObject({ total_count: scalar.optional() }).optional(),
  // An empty result may leave the list out.
  full_order_info_list: z.array(z.unknown()).optional(),
});

export const tradeGetSchema = z.looseObject({ full_order_info: tradeInfoSchema });

export const itemSchema = z.looseObject({
  item_id: scalar,
  title: z.string(),
  skus: z.array(z.looseObject({ price: scalar })).optional(),
});
