/** Every marketplace wire passes the shared contract, on our own fixtures of its real answer. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MARKETPLACE_WIRES } from "../../../src/adapters/marketplaces/index.js";
import { marketplaceContract } from "../../contract/marketplace-contract.js";
import { REPO } from "../../helpers/cli.js";

const FIXTURES = { taobao: "taobao-material-optional.json", jd: "jd-goods-query.json", pdd: "pdd-goods-search.json" } as const;

for (const wire of Object.values(MARKETPLACE_WIRES)) {
  marketplaceContract(wire, () => JSON.parse(readFileSync(join(REPO, "test", "fixtures", "marketplaces", FIXTURES[wire.name]), "utf8")));
}
