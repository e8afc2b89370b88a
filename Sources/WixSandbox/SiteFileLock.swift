import Foundation

/// The advisory lock (`flock`) every process serving the same data directory takes around the
/// site file: shared to read it, exclusive to change it. With `FileStamp`, a process sees the
/// writes of another before it reads or writes, so two processes never undo each other's writes.
enum SiteFileLock {
    static func with<T>(_ lockFile: URL?, exclusive: Bool, _ body: () throws -> T) throws -> T {
        guard let lockFile else { return try body() }
        try? FileManager.default.createDirectory(at: lockFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SandboxError(500, "Could not open the sandbox lock \(lockFile.path) (errno \(errno)).") }
        defer { close(fd) }
        while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            guard errno == EINTR else { throw SandboxError(500, "Could not lock the sandbox site \(lockFile.path) (errno \(errno)).") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

/// Which version of the site file is on disk: an atomic save makes a new inode, so a change by
/// any process changes the stamp.
struct FileStamp: Equatable {
    var inode: UInt64
    var size: Int64
    var modified: Int
    var modifiedNanoseconds: Int

    init?(_ file: URL?) {
        guard let file else { return nil }
        var info = stat()
        guard stat(file.path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = info.st_mtim.tv_sec
        modifiedNanoseconds = info.st_mtim.tv_nsec
    }
}
