"""Reports: one document model (plain dataclasses) rendered as DOCX, HTML or XLSX.

Builders (``bulletin``, ``dispatch_doc``, ``weekly``) write the words once into a
:class:`~gongxin.reports.model.Document`; renderers in ``renderers/`` lay it out.
"""
