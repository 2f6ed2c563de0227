@_exported import BarrierFreeModel
@_exported import BarrierFreeReports
@_exported import BarrierFreeRules
@_exported import BarrierFreeXML
