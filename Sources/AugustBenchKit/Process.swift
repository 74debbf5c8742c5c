import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Monotonic wall clock in seconds.
public func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU time (user + system) of this process so far, all threads, in seconds.
public func cpuTime() -> Double {
    var u = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6
        + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
}

/// The result of running a child process to completion.
public struct ChildRun: Sendable {
    public var status: Int32
    /// Wall time from spawn to exit, seconds.
    public var seconds: Double
    /// Peak resident set of the child, bytes (from `wait4`'s rusage).
    public var maxRSS: Int
}

public enum Child {
    /// Runs `arguments[0]` (looked up in PATH) with stdout to `stdout` (a file path; /dev/null by
    /// default), stderr to `stderr`, and `environment` added to the current one. Measures wall time
    /// and peak RSS of that child alone via `wait4`.
    public static func run(_ arguments: [String], stdout: String = "/dev/null", stderr: String = "/dev/null",
                           environment: [String: String] = [:]) throws -> ChildRun {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let envp = env.keys.sorted().map { strdup("\($0)=\(env[$0]!)") } + [nil]
        let argv = arguments.map { strdup($0) } + [nil]
        defer {
            for p in envp { free(p) }
            for p in argv { free(p) }
        }
        var fa = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fa)
        defer { posix_spawn_file_actions_destroy(&fa) }
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fa, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&fa, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var pid: pid_t = 0
        let start = now()
        let rc = posix_spawnp(&pid, arguments[0], &fa, nil, argv, envp)
        guard rc == 0 else { throw GeneratorError("cannot run \(arguments[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { throw GeneratorError("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let seconds = now() - start
        // WIFEXITED / WEXITSTATUS are macros: decode by hand.
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildRun(status: exit, seconds: seconds, maxRSS: Int(usage.ru_maxrss) * 1024)
    }

    /// The full path of an executable in PATH, if there is one.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let p = "\(dir)/\(name)"
            if access(p, X_OK) == 0 { return p }
        }
        return nil
    }
}

/// Peak resident memory of this process, with a reset (Linux `clear_refs` 5) so that each stage of
/// an in-process measurement gets its own peak.
public enum PeakRSS {
    /// Resets the high-water mark to the current RSS; false where the kernel does not allow it.
    @discardableResult
    public static func reset() -> Bool {
        guard let fd = fopen("/proc/self/clear_refs", "w") else { return false }
        defer { fclose(fd) }
        return fputs("5", fd) >= 0
    }

    /// VmHWM in bytes (peak since start or since the last reset).
    public static func current() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kb * 1024
        }
        return 0
    }
}
