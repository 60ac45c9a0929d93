// swift-tools-version:5.9
// The core for Swift: the Rust library as an XCFramework (device + simulator) and the Swift
// bindings uniffi generates from it. Both are produced by ios/build-xcframework.sh and never
// committed.
import PackageDescription

let package = Package(
    name: "QuietLegsCore",
    platforms: [.iOS(.v17)],
    products: [.library(name: "QuietLegsCore", targets: ["QuietLegsCore"])],
    targets: [
        .binaryTarget(name: "QuietLegsCoreFFI", path: "QuietLegsCoreFFI.xcframework"),
        .target(name: "QuietLegsCore", dependencies: ["QuietLegsCoreFFI"], path: "Sources/QuietLegsCore"),
    ]
)
