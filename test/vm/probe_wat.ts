import wabtInit from "wabt";

/**
 * A minimal CosmWasm contract written in WAT, for engine behaviours real contracts do not reach: traps, aborts,
 * infinite loops, memory growth, fresh-instance fidelity and read-only storage. `execute` and `query` dispatch on
 * the first character of their JSON string message (e.g. `"c"`), see the table below.
 */

const RESPONSE = '{"ok":{"messages":[],"attributes":[{"key":"n","value":"0"}],"events":[],"data":null}}';
const QUERY_OK = '{"ok":"e30="}';
const DIGIT = 1024 + RESPONSE.indexOf('"value":"0"') + '"value":"'.length;
const esc = (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');

/** A bump allocator: each region header is followed by its data; deallocate does nothing. */
export const BUMP_ALLOCATOR_WAT = `
  (func $allocate (export "allocate") (param $size i32) (result i32)
    (local $r i32)
    (local.set $r (global.get $heap))
    (i32.store (local.get $r) (i32.add (local.get $r) (i32.const 12)))
    (i32.store offset=4 (local.get $r) (local.get $size))
    (i32.store offset=8 (local.get $r) (i32.const 0))
    (global.set $heap (i32.add (global.get $heap) (i32.add (local.get $size) (i32.const 12))))
    (local.get $r))
  (func (export "deallocate") (param i32))`;

export const PROBE_WAT = `
(module
  (import "env" "abort" (func $abort (param i32)))
  (import "env" "debug" (func $debug (param i32)))
  (import "env" "db_write" (func $db_write (param i32 i32)))
  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 8192))
  (global $counter (mut i32) (i32.const 0))
  (data (i32.const 1024) "${esc(RESPONSE)}")
  (data (i32.const 2048) "boom: contract panicked")
  (data (i32.const 2100) "{not json")
  (data (i32.const 2200) "hello from wasm")
  (data (i32.const 2300) "${esc(QUERY_OK)}")
  (data (i32.const 2400) "kv")
  (func (export "interface_version_8"))
${BUMP_ALLOCATOR_WAT}
  ;; a region describing existing bytes
  (func $region (param $ptr i32) (param $len i32) (result i32)
    (local $r i32)
    (local.set $r (call $allocate (i32.const 0)))
    (i32.store (local.get $r) (local.get $ptr))
    (i32.store offset=4 (local.get $r) (local.get $len))
    (i32.store offset=8 (local.get $r) (local.get $len))
    (local.get $r))
  (func $cmd (param $msg i32) (result i32)
    (i32.load8_u offset=1 (i32.load (local.get $msg))))
  (func $respond (param $digit i32) (result i32)
    (i32.store8 (i32.const ${DIGIT}) (i32.add (i32.const 48) (local.get $digit)))
    (call $region (i32.const 1024) (i32.const ${RESPONSE.length})))
  (func $dispatch (param $c i32) (result i32)
    ;; c: counter global, incremented on every call (fresh instance: always 1)
    (if (i32.eq (local.get $c) (i32.const 99))
      (then
        (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
        (return (call $respond (global.get $counter)))))
    ;; m: a byte of memory, incremented on every call (fresh instance: always 1)
    (if (i32.eq (local.get $c) (i32.const 109))
      (then
        (i32.store8 (i32.const 4000) (i32.add (i32.load8_u (i32.const 4000)) (i32.const 1)))
        (return (call $respond (i32.load8_u (i32.const 4000))))))
    ;; g: grow by one page and report memory.size (fresh instance: 3)
    (if (i32.eq (local.get $c) (i32.const 103))
      (then
        (drop (memory.grow (i32.const 1)))
        (i32.store8 (i32.const 70000) (i32.const 7))
        (return (call $respond (memory.size)))))
    ;; G: grow past the engine's memory limit (1 when refused with -1)
    (if (i32.eq (local.get $c) (i32.const 71))
      (then (return (call $respond (i32.eq (memory.grow (i32.const 100000)) (i32.const -1))))))
    ;; l: loop forever
    (if (i32.eq (local.get $c) (i32.const 108))
      (then (loop $forever (br $forever))))
    ;; a: panic through abort
    (if (i32.eq (local.get $c) (i32.const 97))
      (then (call $abort (call $region (i32.const 2048) (i32.const 23))) (unreachable)))
    ;; u: trap
    (if (i32.eq (local.get $c) (i32.const 117)) (then (unreachable)))
    ;; r: a result that is not JSON
    (if (i32.eq (local.get $c) (i32.const 114)) (then (return (call $region (i32.const 2100) (i32.const 9)))))
    ;; d: debug message
    (if (i32.eq (local.get $c) (i32.const 100)) (then (call $debug (call $region (i32.const 2200) (i32.const 15)))))
    ;; w: storage write
    (if (i32.eq (local.get $c) (i32.const 119))
      (then (call $db_write (call $region (i32.const 2400) (i32.const 1)) (call $region (i32.const 2401) (i32.const 1)))))
    (call $respond (i32.const 0)))
  (func (export "instantiate") (param i32 i32 i32) (result i32)
    (call $respond (i32.const 0)))
  (func (export "execute") (param i32) (param i32) (param $msg i32) (result i32)
    (call $dispatch (call $cmd (local.get $msg))))
  (func (export "query") (param i32) (param $msg i32) (result i32)
    (drop (call $dispatch (call $cmd (local.get $msg))))
    (call $region (i32.const 2300) (i32.const ${QUERY_OK.length})))
)`;

export async function watToWasm(text: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat("probe.wat", text);
  try {
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}
