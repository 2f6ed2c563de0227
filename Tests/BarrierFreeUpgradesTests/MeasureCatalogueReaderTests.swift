import BarrierFreeModel
import BarrierFreeProfiles
import BarrierFreeRules
import BarrierFreeUpgrades
import BarrierFreeXMLSupport
import Foundation
import Testing

private let root: URL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The first diagnostic of a file that must fail, as `line:column: message`.
private func firstProblem(
  _ text: String,
  read: ([UInt8], String) throws(ImportError) -> Void = { bytes, name in
    _ = try MeasureCatalogueReader.read(bytes: bytes, fileName: name)
  }
) -> String {
  do throws(ImportError) {
    try read(Array(text.utf8), "m.xml")
    return "no problem"
  } catch {
    guard let first = error.diagnostics.first else { return "no diagnostics" }
    return "\(first.location.line):\(first.location.column): \(first.message)"
  }
}

/// A catalogue around `measures` (lines from line 3 on).
private func catalogue(_ measures: String) -> String {
  """
  <?xml version="1.0" encoding="UTF-8"?>
  <catalogue xmlns="urn:barrierfree:measures:1" id="acme" title="Acme">
  \(measures)
  </catalogue>
  """
}

/// A measure whose cost attributes are `cost`, clearing door widths.
private func measure(
  id: String = "door.widen", clears: String = "door.clear-width",
  sets: String = "<sets attribute=\"clearWidth\" required=\"true\"/>",
  cost: String = "low=\"500\" high=\"900\" unit=\"door\" priceYear=\"2024\""
) -> String {
  """
    <measure id="\(id)" title="Widen the door">
      <clears rule="\(clears)"/>
      \(sets)
      <cost \(cost) source="Acme price list" certainty="C1"/>
    </measure>
  """
}

@Suite("Measure catalogue reader")
struct MeasureCatalogueReaderTests {
  @Test("The built-in catalogues load, and the embedded copies match the files")
  func builtIns() throws {
    let catalogue = try MeasureCatalogue.builtIn
    #expect(catalogue.id == "de")
    #expect(catalogue.measures.count == 23)
    let funding = try FundingCatalogue.builtIn
    #expect(funding.programmes.map(\.id) == ["kfw-159", "kfw-455-b", "care-insurance"])
    for (file, text) in MeasureCatalogueReader.builtInTexts {
      let onDisk = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
      #expect(
        text == onDisk, "\(file) differs from its embedded copy: run Scripts/embed-schemas.sh")
    }
    let files = try FileManager.default.contentsOfDirectory(
      atPath: root.appendingPathComponent("Catalogues").path
    ).filter { $0.hasSuffix(".xml") }
    #expect(files.count == MeasureCatalogueReader.builtInTexts.count)
    let schema = try String(
      contentsOf: root.appendingPathComponent("Schemas/measures.xsd"), encoding: .utf8)
    #expect(MeasureSchema.xsd == schema)
  }

  /// Rows of shared/reference/upgrade-costs.md, section 1: low, high (nil:
  /// "from low"), unit, price year, certainty, funding area, care insurance.
  static let reference: [String: (Double, Double?, QuantityUnit, Int, CostCertainty, Int?, Bool)] =
    [
      "M1": (500, nil, .door, 2020, .oneSource, 4, true),
      "M1b": (1050, 2000, .door, 2026, .oneSource, 4, true),
      "M1c": (2500, 7000, .door, 2025, .inferred, 4, true),
      "M2": (100, 400, .door, 2026, .inferred, 4, true),
      "M3": (3000, 8000, .flat, 2024, .confirmed, 5, true),
      "M3b": (1500, 4000, .flat, 2026, .oneSource, 5, true),
      "M3c": (5000, 15000, .flat, 2016, .confirmed, 5, true),
      "M4": (50, 1000, .flat, 2026, .oneSource, 5, true),
      "M4b": (120, 250, .metre, 2026, .confirmed, 3, true),
      "M5": (300, 1000, .flat, 2026, .inferred, 5, true),
      "M6": (3000, 10000, .flat, 2026, .inferred, 5, true),
      "M7": (550, nil, .metre, 2022, .oneSource, 3, true),
      "M7b": (700, 850, .metre, 2026, .confirmed, 3, true),
      "M8": (3000, 5000, .stop, 2022, .confirmed, 3, true),
      "M8b": (10000, 15000, .stop, 2013, .confirmed, 3, true),
      "M9": (10000, 25000, .stop, 2026, .weak, 3, true),
      "M9b": (7000, 16000, .building, 2026, .confirmed, 3, true),
      "M10": (15000, 20000, .stop, 2021, .oneSource, 3, false),
      "M10b": (100000, nil, .building, 2022, .confirmed, 3, false),
      "M11": (2000, 5000, .door, 2026, .inferred, 2, false),
      "M12": (50, 150, .point, 2026, .inferred, 6, true),
      "M13": (2000, 6000, .door, 2026, .inferred, 4, true),
      "M14": (1000, nil, .lumpSum, 2026, .oneSource, 1, false),
    ]

  @Test("Every measure's figures are the reference's")
  func figures() throws {
    let catalogue = try MeasureCatalogue.builtIn
    #expect(Set(catalogue.measures.compactMap(\.reference)) == Set(Self.reference.keys))
    for measure in catalogue.measures {
      let row = try #require(Self.reference[measure.reference ?? ""], "\(measure.id)")
      let cost = measure.cost
      #expect(cost.low == row.0, "\(measure.id)")
      #expect(cost.high == (row.1 ?? row.0), "\(measure.id)")
      #expect(cost.atLeast == (row.1 == nil), "\(measure.id)")
      #expect(measure.unit == row.2, "\(measure.id)")
      #expect(cost.priceYear == row.3, "\(measure.id)")
      #expect(cost.certainty == row.4, "\(measure.id)")
      #expect(measure.fundingArea == row.5, "\(measure.id)")
      #expect(measure.careInsurance == row.6, "\(measure.id)")
      #expect(!cost.source.isEmpty, "\(measure.id)")
    }
    // A cost is a range or a lower bound, never one figure.
    for measure in catalogue.measures {
      #expect(measure.cost.atLeast || measure.cost.low < measure.cost.high, "\(measure.id)")
    }
    // A WEAK figure is never a default: its measure says so.
    for measure in catalogue.measures where measure.cost.certainty == .weak {
      #expect(measure.notes.contains { $0.contains("not a") && $0.contains("default") })
    }
  }

  @Test("Every cited rule exists, and the file names it by its neutral id")
  func citedRules() throws {
    let known = Set(allRules.map { $0.description.id })
    let catalogue = try MeasureCatalogue.builtIn
    for measure in catalogue.measures {
      for cleared in measure.clears {
        #expect(known.contains(cleared.rule), "\(measure.id): \(cleared.rule)")
      }
      // A measure that clears a rule either changes the model or asks for a survey.
      #expect(measure.clears.isEmpty || !measure.changes.isEmpty || !measure.surveyWhen.isEmpty)
    }
    let text = try #require(
      MeasureCatalogueReader.builtInTexts.first { $0.file == "Catalogues/de.xml" }?.text)
    #expect(!text.contains("rule=\"din18040-2."))
    #expect(
      MeasureCatalogueReader.resolveRule("door.clear-width", among: known) == "door.clear-width")
    // A former id reads as the current one.
    #expect(
      MeasureCatalogueReader.resolveRule("din18040-2.door.clear-width", among: known)
        == "door.clear-width")
    #expect(MeasureCatalogueReader.resolveRule("door.width", among: known) == nil)
  }

  @Test("The bathroom enlargement is there, to be offered as needing a survey")
  func surveyOnly() throws {
    let enlarge = try #require(try MeasureCatalogue.builtIn.measure("bathroom.enlarge"))
    #expect(enlarge.changes.isEmpty)
    #expect(enlarge.surveyWhen == [.roomEnlargement])
    #expect(enlarge.clears.map(\.rule).contains("sanitary.movement-area"))
    let widen = try #require(try MeasureCatalogue.builtIn.measure("door.widen-light-wall"))
    #expect(widen.changes == [.set(attribute: "clearWidth", value: .required)])
    #expect(
      widen.clears == [
        ClearedRule(rule: "door.clear-width", scope: ["interior", "bathroom"])
      ])
    let threshold = try #require(try MeasureCatalogue.builtIn.measure("threshold.remove"))
    #expect(threshold.changes == [.set(attribute: "threshold", value: .number(0))])
  }

  @Test("Catalogue errors name their place and say what to do")
  func errors() {
    #expect(
      firstProblem(catalogue(measure(clears: "door.clear-widht")))
        == "4:13: unknown rule 'door.clear-widht'; did you mean 'door.clear-width'? "
        + "(`barrierfree rules` lists them)")
    #expect(
      firstProblem(
        catalogue(measure(cost: "low=\"2000\" high=\"1000\" unit=\"door\" priceYear=\"2024\"")))
        == "6:11: the cost of measure 'door.widen' runs from 2000 down to 1000; "
        + "low must not be above high")
    #expect(
      firstProblem(
        catalogue(measure(cost: "low=\"-5\" high=\"1000\" unit=\"door\" priceYear=\"2024\"")))
        == "6:11: the cost of measure 'door.widen' has a negative low (-5); amounts are 0 or more")
    #expect(
      firstProblem(catalogue(measure(cost: "low=\"500\" high=\"1000\" unit=\"door\"")))
        == "6:5: the cost of measure 'door.widen' has no priceYear: give the year its prices were "
        + "published (for an undated source, the year it implies or was read, with a <note> saying so)"
    )
    let unit = firstProblem(
      catalogue(measure(cost: "low=\"500\" high=\"1000\" unit=\"room\" priceYear=\"2024\"")))
    #expect(unit.hasPrefix("6:33: "), "\(unit)")
    #expect(unit.contains("'room'"), "\(unit)")
    #expect(
      firstProblem(catalogue(measure() + "\n" + measure()))
        == "8:12: the measure id 'door.widen' is used twice (first on line 3)")
    #expect(
      firstProblem(catalogue(measure(sets: "<sets attribute=\"step\" value=\"0\"/>")))
        == "5:11: measure 'door.widen' sets 'step', which the elements its rules check (door) do not "
        + "have; they have clearHeight, clearWidth, handleHeight, handleSideClearance, opensInto, "
        + "operation, revealDepth, threshold, unlockableFromOutside")
    #expect(
      firstProblem(
        catalogue(measure(sets: "<sets attribute=\"clearWidth\" value=\"900\" required=\"true\"/>"))
      )
        == "5:11: the <sets> of 'clearWidth' in measure 'door.widen' needs one of value=\"…\", "
        + "required=\"true\" or requiredBy=\"rule\"")
    // Two rules cleared: whose bound a required value takes must be named.
    #expect(
      firstProblem(
        catalogue(
          measure(
            clears: "door.clear-width\"/><clears rule=\"door.threshold",
            sets: "<sets attribute=\"clearWidth\" required=\"true\"/>")))
        == "5:34: measure 'door.widen' clears 2 rules: say whose requirement 'clearWidth' takes "
        + "with requiredBy=\"rule\" instead of required=\"true\"")
    #expect(
      firstProblem(
        catalogue(
          measure(sets: "<sets attribute=\"clearWidth\" requiredBy=\"door.threshold\"/>")))
        == "5:34: the <sets> of 'clearWidth' in measure 'door.widen' takes the requirement of "
        + "'door.threshold', which the measure does not clear; name one of its <clears> rules")
    #expect(
      firstProblem(catalogue(measure(sets: "")))
        == "3:12: measure 'door.widen' clears rules but changes nothing in the model and names no "
        + "surveyWhen; a plan could not check it: add what it changes, or the survey it needs")
    #expect(
      firstProblem(catalogue(measure(clears: "door.clear-width\" scope=\"kitchen")))
        .hasPrefix("4:37: rule 'door.clear-width' has no scope 'kitchen'; it takes "))
  }

  @Test("A DOCTYPE, bad XML and the wrong kind of file are refused with their place")
  func badDocuments() {
    #expect(
      firstProblem(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE catalogue [<!ENTITY x \"y\">]>\n<catalogue/>")
        == "2:1: the catalogue has a DOCTYPE; a BarrierFree catalogue has none: remove the DOCTYPE")
    #expect(firstProblem("").hasPrefix("1:1: the file is empty; expected a <catalogue>"))
    #expect(
      firstProblem(
        "<funding xmlns=\"urn:barrierfree:measures:1\" id=\"f\" title=\"F\"/>")
        == "1:1: this is a <funding> file; expected a <catalogue> in namespace "
        + "urn:barrierfree:measures:1")
    let broken = firstProblem(catalogue("  <measure id=\"x\" title=\"X\">"))
    #expect(broken.hasPrefix("4:13: "), "\(broken)")
  }

  @Test("Prices scale by the index ratio; a year the index lacks is an error")
  func priceIndex() throws {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <priceIndex xmlns="urn:barrierfree:measures:1" source="Test index">
        <year value="2020" index="100"/>
        <year value="2022" index="125"/>
        <year value="2024" index="140"/>
      </priceIndex>
      """
    let index = try MeasureCatalogueReader.readPriceIndex(
      bytes: Array(text.utf8), fileName: "i.xml")
    #expect(index.latestYear == 2024)
    let cost = CostRange(low: 500, high: 1000, priceYear: 2020, source: "S", certainty: .oneSource)
    let latest = try index.scale(cost)
    #expect(latest.low == 700 && latest.high == 1400 && latest.priceYear == 2024)
    let asOf = try index.scale(cost, to: 2022)
    #expect(asOf.low == 625 && asOf.high == 1250 && asOf.priceYear == 2022)
    // The years beside a covered one are not guessed.
    #expect(throws: PriceIndexError.self) { try index.scale(cost, to: 2021) }
    var undated = cost
    undated.priceYear = 2019
    do throws(PriceIndexError) {
      _ = try MeasureCatalogue(
        id: "a", title: "A",
        measures: [
          Measure(id: "m", title: "M", clears: [], changes: [], unit: .door, cost: undated)
        ]
      ).scaled(by: index)
      Issue.record("2019 is not in the index")
    } catch {
      #expect(
        error.description
          == "the price index has no figure for 2019, so the cost of measure 'm' cannot be scaled "
          + "(it covers 2020–2024); add the years to the index or choose another year")
    }
    let twice = text.replacing("value=\"2022\"", with: "value=\"2020\"")
    #expect(
      firstProblem(twice) { bytes, name throws(ImportError) in
        _ = try MeasureCatalogueReader.readPriceIndex(bytes: bytes, fileName: name)
      } == "4:9: the year 2020 is given twice")
  }

  @Test("Funding periods: open and closed on their first and last days, unknown outside")
  func fundingPeriods() throws {
    let funding = try FundingCatalogue.builtIn
    let grant = try #require(funding.programme("kfw-455-b"))
    #expect(grant.status(on: CalendarDay(year: 2022, month: 6, day: 28)) == .closed)
    #expect(grant.status(on: CalendarDay(year: 2022, month: 6, day: 29)) == .open)
    #expect(grant.status(on: CalendarDay(year: 2022, month: 8, day: 8)) == .open)
    #expect(grant.status(on: CalendarDay(year: 2022, month: 8, day: 9)) == .closed)
    #expect(grant.status(on: CalendarDay(year: 2024, month: 2, day: 19)) == .closed)
    #expect(grant.status(on: CalendarDay(year: 2024, month: 2, day: 20)) == .open)
    #expect(grant.status(on: CalendarDay(year: 2026, month: 3, day: 1)) == .closed)
    // Unknown is never open: 2023 before the stop is not covered.
    #expect(grant.status(on: CalendarDay(year: 2023, month: 6, day: 1)) == nil)
    let single = grant.amounts(on: CalendarDay(year: 2023, month: 1, day: 1))
      .filter { $0.variant == "single-measures" }
    #expect(single.map(\.maximum) == [2500])
    #expect(
      grant.amounts(on: CalendarDay(year: 2022, month: 12, day: 31))
        .filter { $0.variant == "single-measures" }.map(\.maximum) == [5000])
    #expect(grant.applicants.contains("tenant") && !grant.applicants.contains("housingCompany"))
    let loan = try #require(funding.programme("kfw-159"))
    #expect(loan.applicants.contains("housingCompany"))
    #expect(loan.amounts.map(\.maximum) == [50000])
    #expect(loan.status(on: CalendarDay(year: 2026, month: 12, day: 6)) == .open)
    let care = try #require(funding.programme("care-insurance"))
    #expect(care.amounts(on: CalendarDay(year: 2024, month: 12, day: 31)).map(\.fixed) == [4000])
    #expect(care.amounts(on: CalendarDay(year: 2025, month: 1, day: 1)).map(\.fixed) == [4180])
    #expect(care.amounts.allSatisfy { $0.maxPersons == 4 })
    let bath = try #require(try MeasureCatalogue.builtIn.measure("bathroom.full-barrier-free"))
    let lift = try #require(try MeasureCatalogue.builtIn.measure("lift.add-stop"))
    #expect(care.pays(for: bath) && !care.pays(for: lift))
    #expect(loan.pays(for: bath) && loan.pays(for: lift))
  }

  @Test("Overlapping funding periods are refused")
  func overlappingPeriods() {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <funding xmlns="urn:barrierfree:measures:1" id="f" title="F">
        <programme id="p" title="P" form="grant" applicants="tenant" source="S" certainty="C1">
          <amount fixed="100" per="flat"/>
          <period status="open" from="2024-01-01" until="2024-06-30"/>
          <period status="closed" from="2024-06-30"/>
        </programme>
      </funding>
      """
    #expect(
      firstProblem(text) { bytes, name throws(ImportError) in
        _ = try MeasureCatalogueReader.readFunding(bytes: bytes, fileName: name)
      }
        == "6:5: the periods of programme 'p' from 2024-01-01 and from 2024-06-30 overlap; "
        + "a day is open or closed, not both")
  }

  @Test("A programme requiring an unknown profile is refused at its attribute, with the closest id")
  func unknownRequiredProfile() throws {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <funding xmlns="urn:barrierfree:measures:1" id="f" title="F">
        <programme id="p" title="P" form="grant" applicants="tenant" source="S" certainty="C1"
                   requiresProfile="kfw-barrier-reduce">
          <amount fixed="100" per="flat"/>
        </programme>
      </funding>
      """
    let funding = try MeasureCatalogueReader.readFunding(
      bytes: Array(text.utf8), fileName: "funding.xml")
    #expect(funding.requiredProfiles == ["kfw-barrier-reduce"])
    #expect(throws: ProfileError.self) { try funding.checks(in: .builtIn) }
    do {
      _ = try funding.checks(in: .builtIn)
    } catch {
      #expect(
        error.description
          == "funding.xml:4:14: error: funding programme 'p' requires the profile "
          + "'kfw-barrier-reduce', which is not known (did you mean 'kfw-barrier-reduced'?); "
          + "`barrierfree profiles` lists the profiles")
    }
    // The built-in funding requires the KfW profile, which is built in.
    #expect(try FundingCatalogue.builtIn.checks(in: .builtIn).count == 1)
  }

  @Test("The example of the DocC article is a valid catalogue")
  func articleExample() throws {
    let article = try String(
      contentsOf: root.appendingPathComponent(
        "Sources/BarrierFree/BarrierFree.docc/MeasureCatalogues.md"), encoding: .utf8)
    let start = try #require(article.firstRange(of: "```xml\n"))
    let end = try #require(article[start.upperBound...].firstRange(of: "```"))
    let example = String(article[start.upperBound..<end.lowerBound])
    let catalogue = try MeasureCatalogueReader.read(bytes: Array(example.utf8), fileName: "example")
    #expect(catalogue.measures.map(\.id) == ["door.widen-frame-swap"])
  }
}
