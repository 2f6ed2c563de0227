/// libFuzzer's driver, which the fuzz targets call from their entry points
/// (SwiftPM links an executable target's entry point as `<Target>_main`).
@_silgen_name("LLVMFuzzerRunDriver")
public func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

/// Runs libFuzzer's driver with the program's arguments and `callback` as
/// the fuzz target: what each target's `<Target>_main` does.
public func runFuzzer(
  _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32 {
  var count = argc
  var arguments = argv
  return runFuzzerDriver(&count, &arguments, callback)
}
