#!/usr/bin/env bash
# Builds the core for iOS on a Mac with Xcode: QuietLegsCoreFFI.xcframework (device + simulator)
# and the generated Swift bindings, both into ios/QuietLegsCore (the Swift package the app uses).
#
#   ios/build-xcframework.sh        # then: cd ios && xcodegen && open QuietLegs.xcodeproj
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pkg=ios/QuietLegsCore
device=aarch64-apple-ios
sims=(aarch64-apple-ios-sim x86_64-apple-ios)

rustup target add "$device" "${sims[@]}"
for t in "$device" "${sims[@]}"; do
  # core/Cargo.toml lists only the Rust library; the static library is built alone (as the
  # Android build makes its cdylib), so LTO can internalise the core's code.
  cargo rustc --release -p quietlegs-core --lib --crate-type staticlib --target "$t"
done

# One simulator library for both Mac architectures.
mkdir -p target/ios-sim
lipo -create "target/${sims[0]}/release/libquietlegs_core.a" "target/${sims[1]}/release/libquietlegs_core.a" \
  -output target/ios-sim/libquietlegs_core.a

# Swift bindings in library mode, from the host's unstripped build (bindings/generate).
bindings/generate
headers=target/ios-headers
rm -rf "$headers" && mkdir -p "$headers"
cp target/bindings/swift/QuietLegsCoreFFI.h "$headers/"
cp target/bindings/swift/QuietLegsCoreFFI.modulemap "$headers/module.modulemap"

rm -rf "$pkg/QuietLegsCoreFFI.xcframework"
xcodebuild -create-xcframework \
  -library "target/$device/release/libquietlegs_core.a" -headers "$headers" \
  -library target/ios-sim/libquietlegs_core.a -headers "$headers" \
  -output "$pkg/QuietLegsCoreFFI.xcframework"

mkdir -p "$pkg/Sources/QuietLegsCore"
cp target/bindings/swift/QuietLegsCore.swift "$pkg/Sources/QuietLegsCore/"
echo "ready: $pkg (QuietLegsCoreFFI.xcframework, Sources/QuietLegsCore/QuietLegsCore.swift)"
