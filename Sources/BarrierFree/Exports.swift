@_exported import BarrierFreeModel
@_exported import BarrierFreeXML
