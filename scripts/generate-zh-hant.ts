/**
 * Writes src/core/i18n/catalog/zh-Hant.generated.ts: the zh-Hans catalog converted by OpenCC
 * (Simplified -> Traditional with Taiwan phrases: 默认 -> 預設, 信息 -> 資訊). Hand corrections live in
 * zh-Hant.ts and win over this file. Run `npm run i18n` after changing zh-Hans; a unit test fails
 * while this file is stale.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { zhHantFromHans } from "../test/helpers/zh-hant.js";

const target = fileURLToPath(new URL("../src/core/i18n/catalog/zh-Hant.generated.ts", import.meta.url));
writeFileSync(target, zhHantFromHans());
console.log(`wrote ${target}`);
