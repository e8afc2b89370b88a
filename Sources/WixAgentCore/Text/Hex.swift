extension FixedWidthInteger where Self: UnsignedInteger {
    /// Lower-case hexadecimal with every digit of the type's width: `UInt16(0x2a)` is `002a`.
    public var paddedHex: String {
        let digits = String(self, radix: 16)
        return String(repeating: "0", count: bitWidth / 4 - digits.count) + digits
    }
}
