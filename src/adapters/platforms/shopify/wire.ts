/**
 * The shapes of the Shopify GraphQL answers the catalog, session and fulfillment code reads (orders.ts
 * has its own beside its mappers). Checked by ShopifyGraphql.run before use: strict on the fields read,
 * loose on the rest, so a missing or renamed field is exit 5 naming the operation and the field.
 */
import { z } from "zod";

const pageInfo = z.looseObject({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const userErrors = z.array(z.looseObject({ field: z.array(z.string()).nullish(), message: z.string() }));
const money = z.looseObject({ amount: z.string() });

const variantNode = z.looseObject({
  id: z.string(),
  sku: z.string().nullable(),
  price: z.string(),
  compareAtPrice: z.string().nullable(),
  selectedOptions: z.array(z.looseObject({ name: z.string(), value: z.string() })),
  inventoryItem: z
    .looseObject({
      unitCost: money.nullable(),
      measurement: z.looseObject({ weight: z.looseObject({ unit: z.string(), value: z.number() }).nullable() }).nullish(),
    })
    .nullish(),
});
const variantConnection = z.looseObject({ pageInfo, nodes: z.array(variantNode) });

const productNode = z.looseObject({
  id: z.string(),
  handle: z.string(),
  title: z.string(),
  status: z.string(),
  updatedAt: z.string(),
  tags: z.array(z.string()),
  options: z.array(z.looseObject({ name: z.string(), position: z.number() })),
  variants: variantConnection,
  colorPattern: z.looseObject({ value: z.string() }).nullish(),
});

export const productKeysAnswer = z.looseObject({
  products: z.looseObject({ pageInfo, nodes: z.array(z.looseObject({ id: z.string(), handle: z.string(), updatedAt: z.string() })) }),
});
/** `nodes(ids:)` answers null for an id that is gone (the ids asked for are always product ids). */
export const productsByIdsAnswer = z.looseObject({ nodes: z.array(productNode.nullable()) });
export const variantsPageAnswer = z.looseObject({ product: z.looseObject({ variants: variantConnection }).nullable() });
export const productSetAnswer = z.looseObject({
  productSet: z.looseObject({ product: z.looseObject({ id: z.string() }).nullable(), userErrors }),
});
export const productDeleteAnswer = z.looseObject({
  productDelete: z.looseObject({ deletedProductId: z.string().nullable(), userErrors }),
});
export const shopInfoAnswer = z.looseObject({ shop: z.looseObject({ currencyCode: z.string() }) });
export const locationAnswer = z.looseObject({ location: z.looseObject({ id: z.string() }).nullable() });
export const colorPatternsAnswer = z.looseObject({
  metaobjects: z.looseObject({
    pageInfo,
    nodes: z.array(z.looseObject({ id: z.string(), handle: z.string(), label: z.looseObject({ value: z.string() }).nullable() })),
  }),
});

const trackingInfo = z.array(z.looseObject({ company: z.string().nullable(), number: z.string().nullable() }));
export const orderByNameAnswer = z.looseObject({ orders: z.looseObject({ nodes: z.array(z.looseObject({ id: z.string() })) }) });
export const orderFulfillmentAnswer = z.looseObject({
  order: z
    .looseObject({
      id: z.string(),
      fulfillments: z.array(z.looseObject({ id: z.string(), status: z.string(), trackingInfo })),
      fulfillmentOrders: z.looseObject({
        nodes: z.array(
          z.looseObject({
            id: z.string(),
            status: z.string(),
            lineItems: z.looseObject({
              nodes: z.array(
                z.looseObject({
                  id: z.string(),
                  remainingQuantity: z.number(),
                  lineItem: z.looseObject({ id: z.string(), sku: z.string().nullable() }),
                }),
              ),
            }),
          }),
        ),
      }),
    })
    .nullable(),
});
export const fulfillmentCreateAnswer = z.looseObject({
  fulfillmentCreate: z.looseObject({ fulfillment: z.looseObject({ id: z.string() }).nullable(), userErrors }),
});
export const orderEventsAnswer = z.looseObject({
  order: z
    .looseObject({
      id: z.string(),
      fulfillments: z.array(
        z.looseObject({
          id: z.string(),
          status: z.string(),
          trackingInfo,
          events: z.looseObject({ nodes: z.array(z.looseObject({ id: z.string(), status: z.string(), happenedAt: z.string() })) }),
        }),
      ),
    })
    .nullable(),
});
export const fulfillmentEventCreateAnswer = z.looseObject({
  fulfillmentEventCreate: z.looseObject({ fulfillmentEvent: z.looseObject({ id: z.string() }).nullable(), userErrors }),
});
