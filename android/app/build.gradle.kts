import org.gradle.internal.os.OperatingSystem

plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
    alias(libs.plugins.kotlin.compose)
}

/** The Cargo workspace: android/.. */
val repo: File = rootProject.projectDir.parentFile
val jniOut = layout.buildDirectory.dir("rust/jniLibs")

android {
    namespace = "org.quietlegs.android"
    compileSdk = 36

    defaultConfig {
        applicationId = "org.quietlegs.android"
        // java.time (used by the shell for local times) is native from API 26.
        minSdk = 26
        targetSdk = 36
        versionCode = 1
        versionName = "0.1.0"
        ndk { abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64") }
    }

    buildTypes {
        release {
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    buildFeatures { compose = true }

    sourceSets["main"].apply {
        // The platform-free shell (tested on the JVM by tests/run) and the generated bindings.
        kotlin.srcDir(File(repo, "android/shell/src/main/kotlin"))
        kotlin.srcDir(File(repo, "target/bindings/kotlin"))
        jniLibs.srcDir(jniOut)
    }
}

kotlin { jvmToolchain(17) }

/**
 * The core for every ABI the app ships, in release mode (lto, stripped), built as a cdylib alone
 * (`core/Cargo.toml` lists only the Rust library): built beside the rlib, LTO cannot internalise
 * the core's code and the library is 0.55 MB larger (docs/PERFORMANCE.md).
 */
val cargoNdk by tasks.registering(Exec::class) {
    description = "Builds libquietlegs_core.so for each ABI with cargo-ndk"
    workingDir = repo
    commandLine(
        "cargo", "ndk",
        "-t", "arm64-v8a", "-t", "armeabi-v7a", "-t", "x86_64",
        "--platform", "26",
        "-o", jniOut.get().asFile.absolutePath,
        "rustc", "--release", "-p", "quietlegs-core", "--lib", "--crate-type", "cdylib",
    )
    inputs.dir(File(repo, "core/src"))
    inputs.file(File(repo, "Cargo.lock"))
    outputs.dir(jniOut)
}

/**
 * Kotlin bindings in library mode from a host build of the core (library mode needs the
 * unstripped library; the bindings then run against the stripped Android ones).
 */
val uniffiBindings by tasks.registering(Exec::class) {
    description = "Generates the Kotlin bindings with the workspace's uniffi-bindgen"
    workingDir = repo
    commandLine(if (OperatingSystem.current().isWindows) "bash" else "sh", "-c", "bindings/generate")
    inputs.dir(File(repo, "core/src"))
    outputs.dir(File(repo, "target/bindings/kotlin"))
}

tasks.named("preBuild") { dependsOn(cargoNdk, uniffiBindings) }

dependencies {
    implementation(libs.androidx.core.ktx)
    implementation(libs.androidx.activity.compose)
    implementation(libs.androidx.lifecycle.viewmodel.compose)
    implementation(libs.androidx.lifecycle.runtime.compose)
    implementation(platform(libs.compose.bom))
    implementation(libs.compose.ui)
    implementation(libs.compose.ui.tooling.preview)
    implementation(libs.compose.material3)
    implementation(libs.compose.material.icons)
    implementation(libs.kotlinx.coroutines.android)
    // uniffi's Kotlin calls the core through JNA; the AAR carries libjnidispatch for each ABI.
    implementation("${libs.jna.get()}@aar")
    debugImplementation(libs.compose.ui.tooling)
}
