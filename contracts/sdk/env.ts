/**
 * The host functions of a CosmWasm VM (cosmwasm-vm imports.rs). AssemblyScript imports a declared function from
 * the module named like its file, so declaring them in `env.ts` imports them from `env`, as CosmWasm requires,
 * without decorators. Only the functions a contract actually calls end up as imports of its wasm.
 * Arguments and results are pointers to regions (see memory.ts).
 */

export declare function abort(message: usize): void;
export declare function debug(message: usize): void;

export declare function db_read(key: usize): usize;
export declare function db_write(key: usize, value: usize): void;
export declare function db_remove(key: usize): void;
export declare function db_scan(start: usize, end: usize, order: i32): u32;
export declare function db_next(iterator: u32): usize;
export declare function db_next_key(iterator: u32): usize;
export declare function db_next_value(iterator: u32): usize;

export declare function addr_validate(source: usize): usize;
export declare function addr_canonicalize(source: usize, destination: usize): usize;
export declare function addr_humanize(source: usize, destination: usize): usize;

export declare function secp256k1_verify(hash: usize, signature: usize, pubkey: usize): u32;
export declare function secp256k1_recover_pubkey(hash: usize, signature: usize, recoveryParam: u32): u64;
export declare function secp256r1_verify(hash: usize, signature: usize, pubkey: usize): u32;
export declare function secp256r1_recover_pubkey(hash: usize, signature: usize, recoveryParam: u32): u64;
export declare function ed25519_verify(message: usize, signature: usize, pubkey: usize): u32;
export declare function ed25519_batch_verify(messages: usize, signatures: usize, pubkeys: usize): u32;
export declare function bls12_381_aggregate_g1(points: usize, out: usize): u32;
export declare function bls12_381_aggregate_g2(points: usize, out: usize): u32;
export declare function bls12_381_pairing_equality(ps: usize, qs: usize, r: usize, s: usize): u32;
export declare function bls12_381_hash_to_g1(hashFunction: u32, message: usize, dst: usize, out: usize): u32;
export declare function bls12_381_hash_to_g2(hashFunction: u32, message: usize, dst: usize, out: usize): u32;

export declare function query_chain(request: usize): usize;
