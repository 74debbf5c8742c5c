/// An optional field that JSON output writes as `null` when absent. Synthesized `Encodable`
/// leaves a nil optional out; scripts reading our JSON get every key on every row instead.
@propertyWrapper
struct NullWhenAbsent<Value: Encodable>: Encodable {
    var wrappedValue: Value?
    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let wrappedValue { try c.encode(wrappedValue) } else { try c.encodeNil() }
    }
}
extension NullWhenAbsent: Sendable where Value: Sendable {}
