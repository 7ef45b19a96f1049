/**
 * Where each configured store's and courier's credentials come from ("stores.shop.token = env:SHOP_TOKEN"),
 * so that a refused credential (401, 403) names the setting and the variable to fix, never the value.
 * commands/shared.ts registers them when the config is loaded; cli.ts prints them under the error.
 */

const refs = new Map<string, string[]>();

/** `settings` are "stores.shop.token = env:SHOP_TOKEN" lines of the block `path` ("stores.shop"). */
export function registerCredentialRefs(path: string, settings: readonly string[]): void {
  if (settings.length > 0) refs.set(path, [...settings]);
}

/** The credential settings of the store or courier an AdapterError names (its storeName, else its platform). */
export function credentialRefsFor(storeName: string | undefined, platform: string): string[] {
  for (const path of [`stores.${storeName}`, `couriers.${storeName}`, `couriers.${platform}`]) {
    const found = refs.get(path);
    if (found) return found;
  }
  return [];
}
