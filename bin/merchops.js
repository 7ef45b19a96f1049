#!/usr/bin/env node
// Loads the built CLI (npm run build writes dist/) and exits with the code it returns.
import { main } from "../dist/cli.js";

process.exitCode = await main(process.argv);
