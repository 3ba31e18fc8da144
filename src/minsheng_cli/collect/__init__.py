"""Collecting the units' figures: fill-in forms (YAML and Excel), importing what comes back,
recording one figure, and the list of units that have not reported (催报名单).

`forms` builds a unit's form as data; `yamlform` and `xlsxform` lay it out; `importing` and
`recording` turn what units send into reports in the progress folder, checked by the same rules
as `minsheng validate`; `missing` finds who has not reported.
"""
