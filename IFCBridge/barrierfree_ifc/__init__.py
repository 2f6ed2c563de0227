"""barrierfree-ifc: IFC2X3/IFC4 models -> BarrierFree portfolio XML."""
__version__ = "0.1.0"
