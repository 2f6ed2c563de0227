@_exported import BarrierFreeModel
@_exported import BarrierFreeRules
@_exported import BarrierFreeXML
