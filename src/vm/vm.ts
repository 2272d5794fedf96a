import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Api, Querier, Storage } from "./backend.js";
import { DEFAULT_CAPABILITIES } from "./capabilities.js";
import { checkWasm, type CheckReport } from "./compatibility.js";
import type { CallContext } from "./environment.js";
import { CodeNotFoundError, CommunicationError, CompileError, InstantiationError, VmError } from "./errors.js";
import { DEFAULT_GAS_CONFIG, type GasConfig } from "./gas.js";
import { IMPORT_SIGNATURES } from "./imports.js";
import { PooledInstance } from "./instance.js";
import { instrument, type Instrumented } from "./instrumentation/instrument.js";
import { parseModule } from "./wasm/module.js";

/** Options of a contract engine; every field has the cosmwasm-vm/wasmd default. */
export interface VmOptions {
  api: Api;
  capabilities?: Iterable<string>;
  gasConfig?: GasConfig;
  /** Memory limit per instance in 64 KiB pages (default 512 = 32 MiB, cosmwasm-vm's instance memory limit). */
  memoryLimitPages?: number;
  /** How many idle instances to keep per code. */
  poolSize?: number;
}

/** What a stored code is: the checker's report plus what the engine needs to call it. */
export interface StoredCode {
  checksum: string;
  report: CheckReport;
  /** Number of parameters of the `migrate` export (3 since CosmWasm 2.2 with MigrateInfo, else 2). */
  migrateArity: number;
}

interface CompiledCode extends StoredCode {
  module: WebAssembly.Module;
  layout: Instrumented;
  idle: PooledInstance[];
}

/** The per-call state a contract sees (cosmwasm-vm's Backend minus the Api, which belongs to the engine). */
export interface CallBackend {
  storage: Storage;
  querier: Querier;
}

export interface CallOptions {
  gasLimit: number;
  readonly?: boolean;
  debug?: (message: string, gasLeft: number) => void;
}

/** Raw outcome of a call: the result JSON (unparsed) and the VM gas it used. */
export interface RawCallOutcome {
  result: Uint8Array;
  gasUsed: number;
}

/** JSON results above this size are refused (cosmwasm-vm's deserialisation limit for contract results). */
const MAX_RESULT_LENGTH = 64 * 1024 * 1024;

/**
 * The contract engine: a cache of checked, instrumented and compiled codes keyed by checksum (sha256 of the
 * original bytes), and calls into them with fresh-instance semantics, gas metering and the host interface.
 */
export class Vm {
  readonly api: Api;
  readonly gasConfig: GasConfig;
  readonly capabilities: ReadonlySet<string>;
  private readonly memoryLimitPages: number;
  private readonly poolSize: number;
  private readonly codes = new Map<string, CompiledCode>();

  constructor(options: VmOptions) {
    this.api = options.api;
    this.gasConfig = options.gasConfig ?? DEFAULT_GAS_CONFIG;
    this.capabilities = new Set(options.capabilities ?? DEFAULT_CAPABILITIES);
    this.memoryLimitPages = options.memoryLimitPages ?? 512;
    this.poolSize = options.poolSize ?? 4;
  }

  /**
   * Checks, instruments and compiles `wasm`, and caches it under its checksum. Invalid wasm is refused with the
   * checker's messages (a CompileError whose context lists the violations). Storing the same bytes twice is cheap.
   */
  storeCode(wasm: Uint8Array): StoredCode {
    const checksum = bytesToHex(sha256(wasm));
    const existing = this.codes.get(checksum);
    if (existing) return existing;
    const report = checkWasm(wasm, { capabilities: this.capabilities });
    if (!report.valid) {
      throw new CompileError(`Invalid contract: ${report.violations.map((v) => v.message).join("; ")}`, {
        checksum,
        violations: report.violations,
      });
    }
    const parsed = parseModule(wasm);
    checkImportSignatures(parsed);
    const migrate = parsed.exports.find((e) => e.name === "migrate" && e.kind === "func");
    const migrateArity = migrate ? functionType(parsed, migrate.index).params.length : 0;
    let layout: Instrumented;
    let module: WebAssembly.Module;
    try {
      layout = instrument(wasm, { memoryLimitPages: this.memoryLimitPages });
      module = new WebAssembly.Module(layout.bytes);
    } catch (err) {
      if (err instanceof VmError) throw err;
      throw new CompileError(`Cannot compile contract: ${(err as Error).message}`, { checksum }, err);
    }
    const code: CompiledCode = { checksum, report, migrateArity, module, layout, idle: [] };
    this.codes.set(checksum, code);
    return code;
  }

  hasCode(checksum: string): boolean {
    return this.codes.has(checksum);
  }

  getCode(checksum: string): StoredCode {
    return this.compiled(checksum);
  }

  /**
   * Calls export `entry` with JSON arguments (each already serialised, as text or bytes), returning the raw result.
   * Typed wrappers in calls.ts parse them.
   */
  callRaw(
    checksum: string,
    entry: string,
    args: (string | Uint8Array)[],
    backend: CallBackend,
    options: CallOptions,
  ): RawCallOutcome {
    const code = this.compiled(checksum);
    const instance = code.idle.pop() ?? this.instantiate(code);
    const call: CallContext = {
      backend: { storage: backend.storage, querier: backend.querier, api: this.api },
      readonly: options.readonly ?? false,
      debug: options.debug,
    };
    try {
      const { value, gasUsed } = instance.run(call, options.gasLimit, (env) => {
        const fn = instance.exports[entry];
        if (typeof fn !== "function") {
          throw new CommunicationError("missing_export", `Contract does not export ${entry}`, { entry });
        }
        const ptrs = env.host(() =>
          args.map((arg) => (typeof arg === "string" ? env.writeStringToContract(arg) : env.writeToContract(arg))),
        );
        const resultPtr = (fn as (...a: number[]) => number)(...ptrs) >>> 0;
        const result = env.host(() => env.readRegion(resultPtr, MAX_RESULT_LENGTH));
        (instance.exports.deallocate as (ptr: number) => void)(resultPtr);
        return result;
      });
      return { result: value, gasUsed };
    } finally {
      if (instance.reset() && code.idle.length < this.poolSize) code.idle.push(instance);
    }
  }

  private instantiate(code: CompiledCode): PooledInstance {
    try {
      return new PooledInstance(code.module, code.layout, this.gasConfig);
    } catch (err) {
      // e.g. a start function (which the checker refuses) or a data segment beyond memory
      throw new InstantiationError(code.checksum, err);
    }
  }

  private compiled(checksum: string): CompiledCode {
    const code = this.codes.get(checksum);
    if (!code) throw new CodeNotFoundError(checksum);
    return code;
  }
}

type ParsedModule = ReturnType<typeof parseModule>;

function functionType(module: ParsedModule, funcIndex: number): { params: string[]; results: string[] } {
  const importedFuncs = module.imports.filter((i) => i.kind === "func");
  const typeIndex =
    funcIndex < importedFuncs.length
      ? importedFuncs[funcIndex].typeIndex!
      : module.functions[funcIndex - importedFuncs.length];
  return module.types[typeIndex];
}

/** Wasmer refuses an import whose signature differs from the host's; a JS host would silently coerce, so check. */
function checkImportSignatures(module: ParsedModule): void {
  for (const imp of module.imports) {
    if (imp.kind !== "func") continue;
    const expected = IMPORT_SIGNATURES[imp.name];
    const actual = module.types[imp.typeIndex!];
    if (
      !expected ||
      expected.params.join(",") !== actual.params.join(",") ||
      expected.results.join(",") !== actual.results.join(",")
    ) {
      throw new CompileError(
        `Import env.${imp.name} has signature (${actual.params.join(", ")}) -> (${actual.results.join(", ")}), ` +
          `expected (${expected?.params.join(", ")}) -> (${expected?.results.join(", ")})`,
        { import: imp.name },
      );
    }
  }
}
