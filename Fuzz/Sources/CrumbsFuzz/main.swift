import Foundation

// libFuzzer (linked in by `--sanitize=fuzzer`) owns `main` and calls this for every input.
// One binary serves every target, chosen by `FUZZ_TARGET`, so there is one link to wait
// for instead of one per target.
@_cdecl("LLVMFuzzerTestOneInput")
public func crumbsFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = size == 0 || data == nil ? Data() : Data(bytes: data!, count: size)
  FuzzTarget.selected.run(bytes)
  return 0
}
