/// libFuzzer's driver, which the fuzz targets call from their entry points
/// (SwiftPM links an executable target's entry point as `<Target>_main`).
@_silgen_name("LLVMFuzzerRunDriver")
public func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32
