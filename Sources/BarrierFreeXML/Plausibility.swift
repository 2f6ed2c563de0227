import BarrierFreeModel

/// The reader's view of ``PlausibleValues``: the same limits, looked up by
/// the interned element and attribute names. The table is built once from
/// the model's: this runs for every number the reader reads, and a look-up
/// by two strings would hash both.
enum Plausibility {
  typealias Limit = PlausibleValues.Limit

  /// The limit for one attribute of one element.
  static func limit(element: ElementName, attribute: AttributeName) -> Limit? {
    table[element.rawValue * AttributeName.allCases.count + attribute.rawValue]
  }

  private static let table: [Limit?] = {
    var table: [Limit?] = []
    for element in ElementName.allCases {
      for attribute in AttributeName.allCases {
        table.append(PlausibleValues.limit(element: element.text, attribute: attribute.text))
      }
    }
    return table
  }()
}
