/// ln 2 to 8,192 bits, truncated (from mpmath; `PreciseConstantTests` checks it against the
/// series `BigFloat.ln2Series`, which computes it from scratch).
///
/// Why a table: every exponential reduces its argument by a multiple of ln 2 at its own
/// precision, and the series costs about as much as the exponential itself (4 million
/// instructions at 4,000 bits, where a comparison far out in tanh's tail spends 3 million a
/// point). With the constant cached per 512-bit block, one high-precision comparison computed it
/// up to nine times, a fifth of that comparison's instructions.
extension BigFloat {
    /// The bits `ln2Table` holds.
    static let ln2TableBits = 8_192

    /// ln 2 = ln2Table + δ with 0 ≤ δ < 2^-8192.
    static let ln2Table = BigFloat(negative: false, limbs: ln2TableLimbs.withUnsafeBufferPointer { Limbs(copying: $0) },
                                   exponent: -ln2TableBits)

    /// Least significant first.
    private static let ln2TableLimbs: [UInt64] = [
        0xd571ec6c1366a992, 0x435a0ce134c2838f, 0xd2aae89ccc3b76fc, 0xee94e62f110a6783,
        0xbaf86856ccd3c3b6, 0x988012e8314186ed, 0x8a886eb3c87b7295, 0xe30219c8aa9ce884,
        0x1d822dd6e2f76797, 0x852be3e8fc99f14d, 0x5a9139db14efcc30, 0x347f8304d889659e,
        0x4012a82962c59cab, 0xdf59eae051707062, 0xb12dfab414451579, 0x80bc423433562e94,
        0xaf6d605871ef7afb, 0x1a356b2a73b7eaad, 0xf91096ac3195220a, 0xc95f260fd10036f9,
        0xf9eeeea98a2400ca, 0x6dc085a98ac8d8ca, 0x6808292057fd99b6, 0x624f14a51a4a026b,
        0x73e5b5c1585318e7, 0xc12963b0ff01eaab, 0x2b552879a6168695, 0x8fd9405789f45681,
        0xf2d89d2a4b183527, 0x1bda1f85ef6fdbf2, 0x1aa4fb42b9a3def4, 0xd6cce1daa5053701,
        0xac14b958784934b8, 0x12b5e8c202461069, 0xa3d091f656658154, 0xd162af053b1751f3,
        0x846532e4b9694eda, 0xb779dfe49d7307cc, 0xad8a43dc4212b210, 0x6fe51a8cfaa72ef2,
        0x88d586554e2a0e8a, 0x20cdb5ccb3db2392, 0x14f0cd976ea354bb, 0x471bf4f445f0a88a,
        0x0f023b220224fcd8, 0xf11785903155bbd9, 0x33ce3573facc5fdc, 0x154c60320e2ff793,
        0x53daec3f64f1b783, 0xdb4a9316f281501e, 0xbe2ec92156c9f949, 0x0ca8f58d94f0341c,
        0x554b03d7d2874a00, 0xfb0c75df5497e00c, 0xee6e0850eca42d06, 0x364f5b8aef22ec2f,
        0x897a39ce78b63c9f, 0x52ab33161e238438, 0x062b1a63a6c4c60c, 0x3ea8449fe8f70edd,
        0x6425a41526fac51c, 0xc5e5767df95884e0, 0xc0b1b31d8a0e23fa, 0x85db6ab03a49bd0d,
        0x175eb4afc8daadd8, 0xf07afff3a892374e, 0x8f6826250dea891e, 0xcecb72f19c38339d,
        0x5f6f7cebac9f45ae, 0x6c472096e76115c0, 0x972cd18bfbbd9d42, 0x0ab111bbbd67c724,
        0x473826fda0c238b9, 0x61c1696dd24aaebd, 0x156e0c292413d5e3, 0x95184460dc4e7487,
        0xd7622658901e646a, 0xef2f0ce2d7373958, 0x2ac5b61cc4e9207c, 0x57339ba2beba7d05,
        0x0060e49908391a0c, 0x621363196af50302, 0x05c128d53d0bd2f9, 0x36e02b20cee886b9,
        0x0bbb16faf3d949f2, 0x422183edc9942109, 0x5e9222b88c66d3c5, 0x61affd446b1ca3cf,
        0x268a5c1f9538b982, 0x8d6f5177fbcf0755, 0xa17293d1228a4ef9, 0x44a02554731cdc8e,
        0x96d4e6d330af889b, 0x5570b6c68f969834, 0x7598a1951ae273ee, 0x4d162db3b365853d,
        0x5f50b5185064c18b, 0x078f735d1b2db31b, 0xae313cdb6c606cb1, 0x955d5179b1e17b9d,
        0x0c480a5417350d2c, 0x074db6015cfe7aa3, 0x6a9c7f8a5e148e82, 0x25669b333564a337,
        0x4c1a1e0bd1d6095d, 0xcccc4e659393514c, 0xc943e732b479cd33, 0x17460775db8990e5,
        0x7d2e23de1400b396, 0xee569d6dfc1efa15, 0x610d30f88fe551a2, 0x07f4ca11fb5bfb90,
        0xda2d97c50f3fd5c6, 0x655fa1872f20e3a2, 0xf5dfa6bd38303248, 0x72ce87b19d6548ca,
        0x256fa0ec7657f74b, 0xb9ea9bc3b136603b, 0x1acbda11317c387e, 0x3e96ca16224ae8c5,
        0x27573b291169b825, 0xed2eae35c1382144, 0x559552fb4afa1b10, 0xe7b876206debac98,
        0x8a0d175b8baafa2b, 0x40f343267298b62d, 0xc9e3b39803f2f6af, 0xb17217f7d1cf79ab,
    ]
}
