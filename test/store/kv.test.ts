import { MemoryKv } from "../../src/store/memory.js";
import { kvContract } from "./suite.js";

kvContract("MemoryKv", () => ({ store: new MemoryKv() }));
