/**
 * Opens the storage given as JSON options in argv[2] (migrating it), prints the applied
 * migrations as JSON, and closes: one "machine" starting, for the concurrent-start test.
 */
import { Storage, type StorageOptions } from "../../src/storage/index.ts";

const options = JSON.parse(process.argv[2] ?? "{}") as StorageOptions;
const storage = await Storage.open(options);
process.stdout.write(`${JSON.stringify(await storage.appliedMigrations())}\n`);
await storage.close();
