@_exported import BarrierFreeGenerator
@_exported import BarrierFreeModel
@_exported import BarrierFreeProfiles
@_exported import BarrierFreeReports
@_exported import BarrierFreeRules
@_exported import BarrierFreeUpgrades
@_exported import BarrierFreeXML
@_exported import BarrierFreeXMLSupport
