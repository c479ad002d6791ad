extension JSONLineEncoder {
    /// The `Encoder` a value encodes itself to: it fills one slot of the tree.
    struct TreeEncoder: Encoder {
        let slot: Slot
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed<Key>(object: slot.object, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            Unkeyed(items: slot.items, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(slot: slot, codingPath: codingPath)
        }
    }

    /// The value of a leaf: a bool, a number or a string; anything else encodes itself into a new slot.
    static func leaf<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> Slot {
        switch value {
        case let text as String: return Slot(.string(text))
        case let flag as Bool: return Slot(.literal(flag ? "true" : "false"))
        case let number as Int: return Slot(.literal(String(number)))
        case let number as Double: return Slot(JSONLineEncoder.number(number))
        default:
            let slot = Slot()
            try value.encode(to: TreeEncoder(slot: slot, codingPath: codingPath))
            return slot
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let object: Object
        let codingPath: [any CodingKey]

        func encodeNil(forKey key: Key) throws { object.members[key.stringValue] = Slot() }
        func encode(_ value: Bool, forKey key: Key) throws { object.members[key.stringValue] = Slot(.literal(value ? "true" : "false")) }
        func encode(_ value: String, forKey key: Key) throws { object.members[key.stringValue] = Slot(.string(value)) }
        func encode(_ value: Double, forKey key: Key) throws { object.members[key.stringValue] = Slot(JSONLineEncoder.number(value)) }
        func encode(_ value: Float, forKey key: Key) throws { object.members[key.stringValue] = Slot(JSONLineEncoder.number(value)) }
        func encode(_ value: Int, forKey key: Key) throws { object.members[key.stringValue] = Slot(.literal(String(value))) }
        func encode(_ value: Int8, forKey key: Key) throws { object.members[key.stringValue] = Slot(.literal(String(value))) }
        func encode(_ value: Int16, forKey key: Key) throws { object.members[key.stringValue] = Slot(.literal(String(value))) }
        func encode(_ value: Int32, forKey key: Key) throws { object.members[key.stringValue] = Slot(.literal(String(value))) }
        func encode(_ value: Int64, forKey key: Key) throws { object.members[key.stringValue] = Slot(.literal(String(value))) }
        func encode(_ value: UInt, forKey key: Key) throws { object.members[key.stringValue] = Slot(.literal(String(value))) }
        func encode(_ value: UInt8, forKey key: Key) throws { object.members[key.stringValue] = Slot(.literal(String(value))) }
        func encode(_ value: UInt16, forKey key: Key) throws { object.members[key.stringValue] = Slot(.literal(String(value))) }
        func encode(_ value: UInt32, forKey key: Key) throws { object.members[key.stringValue] = Slot(.literal(String(value))) }
        func encode(_ value: UInt64, forKey key: Key) throws { object.members[key.stringValue] = Slot(.literal(String(value))) }

        func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            object.members[key.stringValue] = try JSONLineEncoder.leaf(value, codingPath: codingPath + [key])
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let slot = Slot()
            object.members[key.stringValue] = slot
            return KeyedEncodingContainer(Keyed<NestedKey>(object: slot.object, codingPath: codingPath + [key]))
        }

        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let slot = Slot()
            object.members[key.stringValue] = slot
            return Unkeyed(items: slot.items, codingPath: codingPath + [key])
        }

        func superEncoder() -> any Encoder { superEncoder(named: "super") }
        func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

        private func superEncoder(named name: String) -> any Encoder {
            let slot = Slot()
            object.members[name] = slot
            return TreeEncoder(slot: slot, codingPath: codingPath)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let items: Items
        let codingPath: [any CodingKey]
        var count: Int { items.items.count }

        /// The key of the next item, for the coding path.
        private var index: Index { Index(intValue: items.items.count) }

        func encodeNil() throws { items.items.append(Slot()) }
        func encode(_ value: Bool) throws { items.items.append(Slot(.literal(value ? "true" : "false"))) }
        func encode(_ value: String) throws { items.items.append(Slot(.string(value))) }
        func encode(_ value: Double) throws { items.items.append(Slot(JSONLineEncoder.number(value))) }
        func encode(_ value: Float) throws { items.items.append(Slot(JSONLineEncoder.number(value))) }
        func encode(_ value: Int) throws { items.items.append(Slot(.literal(String(value)))) }

        func encode<T: Encodable>(_ value: T) throws {
            items.items.append(try JSONLineEncoder.leaf(value, codingPath: codingPath + [index]))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let slot = Slot()
            let path = codingPath + [index]
            items.items.append(slot)
            return KeyedEncodingContainer(Keyed<NestedKey>(object: slot.object, codingPath: path))
        }

        func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let slot = Slot()
            let path = codingPath + [index]
            items.items.append(slot)
            return Unkeyed(items: slot.items, codingPath: path)
        }

        func superEncoder() -> any Encoder {
            let slot = Slot()
            let path = codingPath + [index]
            items.items.append(slot)
            return TreeEncoder(slot: slot, codingPath: path)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let slot: Slot
        let codingPath: [any CodingKey]

        func encodeNil() throws { slot.value = .null }
        func encode(_ value: Bool) throws { slot.value = .literal(value ? "true" : "false") }
        func encode(_ value: String) throws { slot.value = .string(value) }
        func encode(_ value: Double) throws { slot.value = JSONLineEncoder.number(value) }
        func encode(_ value: Float) throws { slot.value = JSONLineEncoder.number(value) }
        func encode(_ value: Int) throws { slot.value = .literal(String(value)) }
        func encode(_ value: Int8) throws { slot.value = .literal(String(value)) }
        func encode(_ value: Int16) throws { slot.value = .literal(String(value)) }
        func encode(_ value: Int32) throws { slot.value = .literal(String(value)) }
        func encode(_ value: Int64) throws { slot.value = .literal(String(value)) }
        func encode(_ value: UInt) throws { slot.value = .literal(String(value)) }
        func encode(_ value: UInt8) throws { slot.value = .literal(String(value)) }
        func encode(_ value: UInt16) throws { slot.value = .literal(String(value)) }
        func encode(_ value: UInt32) throws { slot.value = .literal(String(value)) }
        func encode(_ value: UInt64) throws { slot.value = .literal(String(value)) }

        func encode<T: Encodable>(_ value: T) throws {
            slot.value = try JSONLineEncoder.leaf(value, codingPath: codingPath).value
        }
    }

    /// The key of an array's item in a coding path.
    struct Index: CodingKey {
        var intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}
