<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="nl_NL">
    <context>
        <name>AttributeTable</name>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" />
            <source>Kolom waarin gezocht wordt</source>
            <translation>Column to search in</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" />
            <source>Filter (tekst in de gekozen kolom)...</source>
            <translation>Filter (text in the chosen column)...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" />
            <source>Alleen selectie tonen</source>
            <translation>Show selection only</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" />
            <source>Zoom naar selectie</source>
            <translation>Zoom to selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" />
            <source>Selectie opheffen</source>
            <translation>Clear selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" />
            <source>Filter:</source>
            <translation>Filter:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" />
            <source>Alle kolommen</source>
            <translation>All columns</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" />
            <source>{total} panden</source>
            <translation>{total} buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" />
            <source>{shown} van {total} panden</source>
            <translation>{shown} of {total} buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" />
            <source>, {n} geselecteerd</source>
            <translation>, {n} selected</translation>
        </message>
    </context>
    <context>
        <name>Autosave</name>
        <message>
            <location filename="../../gis_app/ui/autosave.py" />
            <source>Automatisch opslaan mislukt: {reason}</source>
            <translation>Autosave failed: {reason}</translation>
        </message>
    </context>
    <context>
        <name>BoundView</name>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Ondergrens berekenen</source>
            <translation>Compute lower bound</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Berekent hoe ver dit plan hooguit van het best mogelijke ligt (een zekere ondergrens op de risicoblootstelling). Kan tot een minuut duren; gebeurt vanzelf na een geoptimaliseerde planning.</source>
            <translation>Computes how far this plan is at most from the best possible one (a certified lower bound on the risk exposure). May take up to a minute; runs by itself after an optimised plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Stoppen</source>
            <translation>Stop</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Hoe ver ligt dit plan van het best mogelijke?</source>
            <translation>How far is this plan from the best possible one?</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Ondergrens berekenen...</source>
            <translation>Computing the lower bound...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Geoptimaliseerde planning</source>
            <translation>Optimised plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Planning</source>
            <translation>Plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Geen ondergrens: dit plan heeft geen risicoblootstelling.</source>
            <translation>No lower bound: this plan has no risk exposure.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>{0} binnen {1} % van het best mogelijke</source>
            <translation>{0} within {1} % of the best possible</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>ondergrens {0} · plan {1} slachtoffer-jaren</source>
            <translation>lower bound {0} · plan {1} casualty-years</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>gestopt: de ondergrens is geldig maar minder scherp</source>
            <translation>stopped: the lower bound is valid but less tight</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Ondergrens niet berekend: {0}</source>
            <translation>Lower bound not computed: {0}</translation>
        </message>
    </context>
    <context>
        <name>CapacityEditor</name>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Totaal</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Per aannemer</source>
            <translation>Per contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Capaciteit:</source>
            <translation>Capacity:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Bouwstarts per week vanaf de startdatum:</source>
            <translation>Construction starts per week from the start date:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Standaard 40: NCG meldde 1.962 bouwstarts in 2025 (ca. 38 per week).</source>
            <translation>Default 40: NCG reported 1,962 construction starts in 2025 (about 38 per week).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Wijzigingen in de tijd:</source>
            <translation>Changes over time:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>aannemer</source>
            <translation>contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>bouwstarts per week</source>
            <translation>construction starts per week</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Aannemer toevoegen</source>
            <translation>Add contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Verwijderen</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Wijzigingen in de tijd voor de gekozen aannemer:</source>
            <translation>Changes over time for the chosen contractor:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Wijzigingen in de tijd voor {0}:</source>
            <translation>Changes over time for {0}:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Aannemer {0}</source>
            <translation>Contractor {0}</translation>
        </message>
    </context>
    <context>
        <name>ClusterActions</name>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Teken cluster</source>
            <translation>Draw cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Klik hoekpunten, dubbelklik of Enter om af te ronden; Backspace haalt het laatste punt weg, Esc annuleert</source>
            <translation>Click vertices, double-click or Enter to finish; Backspace removes the last point, Esc cancels</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Lasso cluster</source>
            <translation>Lasso cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Sleep een vrije omtrek om een cluster te tekenen</source>
            <translation>Drag a freehand outline to draw a cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Bewerk</source>
            <translation>Edit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Klik een cluster; sleep een hoekpunt om het te verplaatsen, sleep een zijde om een hoekpunt toe te voegen, dubbelklik een hoekpunt om het te verwijderen, sleep binnen de cluster om hem te verplaatsen</source>
            <translation>Click a cluster; drag a vertex to move it, drag an edge to add a vertex, double-click a vertex to delete it, drag inside the cluster to move it</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Splits</source>
            <translation>Split</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Teken een lijn door een cluster om hem te splitsen</source>
            <translation>Draw a line through a cluster to split it</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Snappen aan panden</source>
            <translation>Snap to buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Nieuwe hoekpunten springen naar de dichtstbijzijnde pandhoek</source>
            <translation>New vertices snap to the nearest building corner</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Samenvoegen</source>
            <translation>Merge</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Cluster uit selectie</source>
            <translation>Cluster from selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Cluster verwijderen</source>
            <translation>Delete cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Voorstel clusters...</source>
            <translation>Suggest clusters...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Importeer clusters...</source>
            <translation>Import clusters...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Exporteer clusters...</source>
            <translation>Export clusters...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Omtrek met lichte vulling onder de panden</source>
            <translation>Outline with light fill below the buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Alleen omtrek</source>
            <translation>Outline only</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Doorzichtige vulling over de panden</source>
            <translation>Transparent fill over the buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Clusters</source>
            <translation>Clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Weergave op de kaart</source>
            <translation>Display on the map</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Selecteer minstens twee clusters om samen te voegen.</source>
            <translation>Select at least two clusters to merge.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Selecteer eerst panden.</source>
            <translation>Select buildings first.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Clusters importeren</source>
            <translation>Import clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Clusters (*.gpkg *.geojson *.json)</source>
            <translation>Clusters (*.gpkg *.geojson *.json)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Clusters importeren mislukt</source>
            <translation>Importing clusters failed</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>%n clusters geïmporteerd</source>
            <translation>
                <numerusform>%n cluster imported</numerusform>
                <numerusform>%n clusters imported</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Clusters exporteren</source>
            <translation>Export clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson)</source>
            <translation>GeoPackage (*.gpkg);;GeoJSON (*.geojson)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>de clusterexport</source>
            <translation>the cluster export</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Clusters exporteren mislukt</source>
            <translation>Exporting clusters failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" />
            <source>Clusters geëxporteerd naar %1</source>
            <translation>Clusters exported to %1</translation>
        </message>
    </context>
    <context>
        <name>ClusterCommands</name>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Cluster tekenen</source>
            <translation>Draw cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Cluster bewerken</source>
            <translation>Edit cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Cluster splitsen</source>
            <translation>Split cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Clusters samenvoegen</source>
            <translation>Merge clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Cluster hernoemen</source>
            <translation>Rename cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Clusterkleur wijzigen</source>
            <translation>Change cluster colour</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Clusters verwijderen</source>
            <translation>Delete clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Voorrang van cluster wijzigen</source>
            <translation>Change cluster priority</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Voorgestelde clusters overnemen</source>
            <translation>Accept suggested clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Clusters importeren</source>
            <translation>Import clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Let op: cluster %1 bevat geen panden (er ligt geen pandpunt binnen de omtrek).</source>
            <translation>Note: cluster %1 contains no buildings (no building point lies within its outline).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Cluster %1: 1 pand</source>
            <translation>Cluster %1: 1 building</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Cluster %1: %n panden</source>
            <translation>
                <numerusform>Cluster %1: %n building</numerusform>
                <numerusform>Cluster %1: %n buildings</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>%1 van %2</source>
            <translation>%1 of %2</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>%n andere clusters</source>
            <translation>
                <numerusform>%n other cluster</numerusform>
                <numerusform>%n other clusters</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>overgenomen: %1</source>
            <translation>taken over: %1</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>(Ctrl+Z maakt ongedaan)</source>
            <translation>(Ctrl+Z undoes)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Voorrang van clusters wijzigen</source>
            <translation>Change cluster priorities</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" />
            <source>Clusters op rang zetten</source>
            <translation>Set clusters to rank order</translation>
        </message>
    </context>
    <context>
        <name>ClusterPanel</name>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Hernoemen...</source>
            <translation>Rename...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Kleur wijzigen...</source>
            <translation>Change colour...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Panden selecteren</source>
            <translation>Select buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Zoom naar cluster</source>
            <translation>Zoom to cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Naar begin (hoogste voorrang)</source>
            <translation>To top (highest priority)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Naar eind (laagste voorrang)</source>
            <translation>To bottom (lowest priority)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Eén plaats hoger</source>
            <translation>One place up</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Eén plaats lager</source>
            <translation>One place down</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Voorrang op rang zetten (alle clusters)</source>
            <translation>Set priority to rank (all clusters)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Verwijderen</source>
            <translation>Delete</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>%n clusters verwijderen</source>
            <translation>
                <numerusform>Delete %n cluster</numerusform>
                <numerusform>Delete %n clusters</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Selecteer de panden die in geen cluster liggen</source>
            <translation>Select the buildings that lie in no cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Panden waarvan het representatieve punt in meer dan één cluster ligt. Zo'n pand telt alleen mee voor de cluster met de hoogste voorrang. Sleep een cluster hoger in de lijst om hem voorrang te geven.</source>
            <translation>Buildings whose representative point lies in more than one cluster. Such a building counts only for the cluster with the highest priority. Drag a cluster higher in the list to give it priority.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Op voorrang</source>
            <translation>By priority</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Toon de clusters in volgorde van voorrang; dan kunt u rijen slepen</source>
            <translation>Show the clusters in order of priority; you can then drag rows</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Naar begin</source>
            <translation>To top</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Geef de geselecteerde clusters de hoogste voorrang (Ctrl+Home)</source>
            <translation>Give the selected clusters the highest priority (Ctrl+Home)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Naar eind</source>
            <translation>To bottom</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Geef de geselecteerde clusters de laagste voorrang (Ctrl+End)</source>
            <translation>Give the selected clusters the lowest priority (Ctrl+End)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Een pand hoort bij de cluster waarin zijn representatieve punt ligt. Bij overlap houdt de cluster met de hoogste voorrang zijn panden; een cluster die u tekent of uit een selectie maakt, krijgt voorrang 1 en neemt de panden binnen zijn omtrek over. Voorrang is niet de planvolgorde.</source>
            <translation>A building belongs to the cluster its representative point lies in. Where clusters overlap, the cluster with the highest priority keeps its buildings; a cluster you draw or make from a selection gets priority 1 and takes over the buildings within its outline. Priority is not the plan order.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Zonder cluster (%n)</source>
            <translation>
                <numerusform>Without cluster (%n)</numerusform>
                <numerusform>Without cluster (%n)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Overlap (%n)</source>
            <translation>
                <numerusform>Overlap (%n)</numerusform>
                <numerusform>Overlap (%n)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>%1 clusters, %2 van %3 panden in een cluster</source>
            <translation>%1 clusters, %2 of %3 buildings in a cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Let op: 1 cluster zonder panden: %1</source>
            <translation>Note: 1 cluster without buildings: %1</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Let op: %n clusters zonder panden: %1</source>
            <translation>
                <numerusform>Note: %n cluster without buildings: %1</numerusform>
                <numerusform>Note: %n clusters without buildings: %1</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Let op: na deze bewerking bevat %1 geen panden.</source>
            <translation>Note: after this edit %1 contains no buildings.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Clusterkleur</source>
            <translation>Cluster colour</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Cluster %1 verwijderd</source>
            <translation>Cluster %1 deleted</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>%n clusters verwijderd</source>
            <translation>
                <numerusform>%n cluster deleted</numerusform>
                <numerusform>%n clusters deleted</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>(Ctrl+Z maakt ongedaan)</source>
            <translation>(Ctrl+Z undoes)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Cluster hernoemen</source>
            <translation>Rename cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Nieuwe naam:</source>
            <translation>New name:</translation>
        </message>
    </context>
    <context>
        <name>ClusterShareControl</name>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>eigen aandeel maatwerk voor dit cluster</source>
            <translation>own bespoke share for this cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Uit: het cluster volgt de globale schuif. Aan: dit cluster krijgt zijn eigen aandeel.</source>
            <translation>Off: the cluster follows the global slider. On: this cluster gets its own share.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Geen cluster geselecteerd (kies er een op de kaart, in de clusterlijst of de tijdlijn).</source>
            <translation>No cluster selected (choose one on the map, in the cluster list or in the timeline).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Cluster: {0}</source>
            <translation>Cluster: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>{0} clusters geselecteerd</source>
            <translation>{0} clusters selected</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Niet in het plan (geen panden met werk).</source>
            <translation>Not in the plan (no buildings with work).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>maatwerk {0} van {1} panden met werk ({2} in cluster) · plaats {3} in de planvolgorde · {4} – {5}</source>
            <translation>bespoke {0} of {1} buildings with work ({2} in cluster) · place {3} in the plan order · {4} – {5}</translation>
        </message>
    </context>
    <context>
        <name>ClusterTableModel</name>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Voorrang</source>
            <translation>Priority</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Naam</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Plaats in planning</source>
            <translation>Place in plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Rang</source>
            <translation>Rank</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Panden</source>
            <translation>Buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Adressen</source>
            <translation>Addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Bewoners</source>
            <translation>Residents</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Verhoogd</source>
            <translation>Verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Licht verhoogd</source>
            <translation>Licht verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Normaal</source>
            <translation>Normaal</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Onbekend</source>
            <translation>Unknown</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Som LPR</source>
            <translation>Sum LPR</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Maatregelen</source>
            <translation>Measures</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Cluster-id</source>
            <translation>Cluster id</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>geen</source>
            <translation>none</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>licht</source>
            <translation>light</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>zwaar</source>
            <translation>heavy</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>sloop-nieuwbouw</source>
            <translation>demolish and rebuild</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Voorrang bij overlap: waar clusters overlappen, houdt de cluster met de hoogste voorrang (1) de panden. Sleep rijen om dit te wijzigen. Dit is niet de volgorde van de planning.</source>
            <translation>Priority on overlap: where clusters overlap, the cluster with the highest priority (1) keeps the buildings. Drag rows to change this. This is not the order of the plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Plaats van de cluster in de huidige planning (Planning-paneel)</source>
            <translation>Place of the cluster in the current plan (Planning panel)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" />
            <source>Deze cluster bevat geen panden.</source>
            <translation>This cluster contains no buildings.</translation>
        </message>
    </context>
    <context>
        <name>ColorButton</name>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>geen</source>
            <translation>none</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Kleur kiezen</source>
            <translation>Choose colour</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>Iemand anders was u voor</source>
            <translation>Someone else got there first</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>Deze rijen zijn in de database gewijzigd nadat u ze opende. Er is niets overschreven. Kies per rij welke versie blijft.</source>
            <translation>These rows were changed in the database after you opened them. Nothing was overwritten. Choose per row which version stays.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>Veld</source>
            <translation>Field</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>Mijn versie</source>
            <translation>My version</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>Hun versie (database)</source>
            <translation>Their version (database)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>&amp;Mijn versie houden</source>
            <translation>Keep &amp;my version</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>&amp;Hun versie overnemen</source>
            <translation>Take &amp;their version</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>Overal mijn versie</source>
            <translation>My version everywhere</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>Overal hun versie</source>
            <translation>Their version everywhere</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>Keuze toepassen en opslaan</source>
            <translation>Apply choice and save</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>Later kiezen</source>
            <translation>Choose later</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>{row} — mijn versie</source>
            <translation>{row} — my version</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>{row} — hun versie</source>
            <translation>{row} — their version</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>{row} — nog kiezen</source>
            <translation>{row} — still to choose</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>verwijderd in de database</source>
            <translation>deleted in the database</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>versie {v} in de database</source>
            <translation>version {v} in the database</translation>
        </message>
    </context>
    <context>
        <name>ConnectionDialog</name>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>Openen uit database</source>
            <translation>Open from database</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>Opslaan in database</source>
            <translation>Save to database</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>postgresql://gebruiker@server/database of service=naam</source>
            <translation>postgresql://user@server/database or service=name</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>&amp;Verbinding:</source>
            <translation>&amp;Connection:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>Het wachtwoord komt uit .pgpass of de sleutelbos; het wordt nergens bewaard. Voor een versleutelde verbinding: ?sslmode=require.</source>
            <translation>The password comes from .pgpass or the keyring; it is never stored. For an encrypted connection: ?sslmode=require.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>&amp;Projecten tonen</source>
            <translation>Show &amp;projects</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>Een bestaand project met deze naam &amp;vervangen</source>
            <translation>&amp;Replace an existing project with this name</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>&amp;Naam in de database:</source>
            <translation>&amp;Name in the database:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>Openen</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>Opslaan</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>Annuleren</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>Geef eerst een verbinding op.</source>
            <translation>Enter a connection first.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>Projecten ophalen uit {target}...</source>
            <translation>Fetching projects from {target}...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>Projecten in de database: {n}.</source>
            <translation>Projects in the database: {n}.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/connect_dialog.py" />
            <source>De database bevat nog geen projecten.</source>
            <translation>The database holds no projects yet.</translation>
        </message>
    </context>
    <context>
        <name>ContractorDialog</name>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Aannemer en periode</source>
            <translation>Contractor and period</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>(nog toe te wijzen)</source>
            <translation>(to be assigned)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>geen bouwstarts</source>
            <translation>no construction starts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>De periode volgt uit de planning: eerste bouwstart tot laatste oplevering van de panden in het pakket. Verschuif panden of pas de planning aan om haar te veranderen.</source>
            <translation>The period follows from the plan: first construction start to last completion of the buildings in the package. Move buildings or adjust the plan to change it.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Werkpakket</source>
            <translation>Work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Aannemer</source>
            <translation>Contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Periode</source>
            <translation>Period</translation>
        </message>
    </context>
    <context>
        <name>CoreTexts</name>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>verhoogd</source>
            <translation>verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>licht verhoogd</source>
            <translation>licht verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>normaal</source>
            <translation>normaal</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>onbekend</source>
            <translation>unknown</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>nog niet in lokaal plan</source>
            <translation>not yet in local plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>in lokaal plan</source>
            <translation>in local plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>opname gedaan</source>
            <translation>opname done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>beoordeling gedaan</source>
            <translation>assessment done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>normbesluit genomen</source>
            <translation>normbesluit taken</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>versterkingsbesluit genomen</source>
            <translation>versterkingsbesluit taken</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>bouw gestart</source>
            <translation>construction started</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>bouw gereed</source>
            <translation>construction completed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>versterkingstraject afgerond</source>
            <translation>reinforcement completed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>geen maatregel</source>
            <translation>no measure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>lichte versterking</source>
            <translation>light reinforcement</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>zware versterking</source>
            <translation>heavy reinforcement</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>sloop-nieuwbouw</source>
            <translation>demolish and rebuild</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>standaardvolgorde</source>
            <translation>default order</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>geoptimaliseerd</source>
            <translation>optimised</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>BAG-id</source>
            <translation>BAG id</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Risicoprofiel</source>
            <translation>Risk profile</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Herkomst profiel</source>
            <translation>Profile source</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>LPR (per jaar)</source>
            <translation>LPR (per year)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Typologie</source>
            <translation>Typology</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>BAG-status</source>
            <translation>BAG status</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Mijlpaal</source>
            <translation>Milestone</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Maatregel (beoordeeld)</source>
            <translation>Measure (assessed)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Verwachte maatregel</source>
            <translation>Expected measure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Adressen</source>
            <translation>Addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Bewoners</source>
            <translation>Residents</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Adres</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Postcode</source>
            <translation>Postcode</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Woonplaats</source>
            <translation>Town</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Eigen regie</source>
            <translation>Eigen regie</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Cluster</source>
            <translation>Cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Werkpakket</source>
            <translation>Work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Gereed in (plan)</source>
            <translation>Done in (plan)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Aanpak (plan)</source>
            <translation>Approach (plan)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Soort pand</source>
            <translation>Building type</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Bouwjaar</source>
            <translation>Year built</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Gebruiksdoel</source>
            <translation>Use</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>Notitie veldwerk</source>
            <translation>Field note</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>nog niet beoordeeld</source>
            <translation>not assessed yet</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>standaard</source>
            <translation>standard</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>maatwerk</source>
            <translation>bespoke</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>geen werk</source>
            <translation>no work</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>rijwoning</source>
            <translation>terraced house</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>twee-onder-een-kap</source>
            <translation>semi-detached</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>vrijstaand</source>
            <translation>detached</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>appartementengebouw</source>
            <translation>apartment building</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>boerderij</source>
            <translation>farmhouse</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>schuur</source>
            <translation>barn</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>groot gebouw</source>
            <translation>large building</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>ja</source>
            <translation>yes</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>nee</source>
            <translation>no</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>bron</source>
            <translation>source data</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>afgeleid uit LPR</source>
            <translation>derived from LPR</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>risicoblootstelling</source>
            <translation>risk exposure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>verwachte slachtoffer-jaren</source>
            <translation>expected fatality-years</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>alle verhoogd gereed</source>
            <translation>all verhoogd done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>datum</source>
            <translation>date</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>alle licht verhoogd gereed</source>
            <translation>all licht verhoogd done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>alles gereed</source>
            <translation>all done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>panden maatwerk</source>
            <translation>bespoke buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>panden</source>
            <translation>buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>aandeel maatwerk</source>
            <translation>bespoke share</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>%</source>
            <translation>%</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>moeilijk uitlegbare buren</source>
            <translation>hard-to-explain neighbours</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>paren</source>
            <translation>pairs</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>mediane wachttijd verhoogd</source>
            <translation>median wait verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>jaar</source>
            <translation>years</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>mediane wachttijd licht verhoogd</source>
            <translation>median wait licht verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>mediane wachttijd normaal</source>
            <translation>median wait normaal</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>kosten</source>
            <translation>cost</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>€</source>
            <translation>€</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>50% verhoogd veilig</source>
            <translation>50% of verhoogd safe</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>90% verhoogd veilig</source>
            <translation>90% of verhoogd safe</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>alle verhoogd veilig</source>
            <translation>all verhoogd safe</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>50% licht verhoogd veilig</source>
            <translation>50% of licht verhoogd safe</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>90% licht verhoogd veilig</source>
            <translation>90% of licht verhoogd safe</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>alle licht verhoogd veilig</source>
            <translation>all licht verhoogd safe</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>panden na uiterlijk gereed</source>
            <translation>buildings after their deadline</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>toezeggingen gebroken</source>
            <translation>commitments broken</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>adressen</source>
            <translation>addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>boven de ondergrens</source>
            <translation>above the lower bound</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>panden in het plan</source>
            <translation>buildings in the plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>panden met werk</source>
            <translation>buildings with work</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>panden zonder werk</source>
            <translation>buildings without work</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>al gereed (met maatregel)</source>
            <translation>already done (with measure)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>in uitvoering (bouw gestart)</source>
            <translation>under construction (started)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>panden standaard</source>
            <translation>standard buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>clusters</source>
            <translation>clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>panden zonder cluster</source>
            <translation>buildings without cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>panden zonder cluster, niet gepland</source>
            <translation>buildings without cluster, not planned</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>verwijzingen naar onbekend cluster</source>
            <translation>references to an unknown cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>burenparen met werk</source>
            <translation>neighbour pairs with work</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>burenparen met andere maatregel</source>
            <translation>neighbour pairs with a different measure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>buren met andere aanpak</source>
            <translation>neighbours with a different approach</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>buren ver uit elkaar gereed</source>
            <translation>neighbours done far apart</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>piek bouwstarts</source>
            <translation>peak construction starts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>starts per week</source>
            <translation>starts per week</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>benutting capaciteit</source>
            <translation>capacity use</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>laatste bouwstart</source>
            <translation>last construction start</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>capaciteit</source>
            <translation>capacity</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>bouwstarts per week</source>
            <translation>construction starts per week</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>volgorde clusters</source>
            <translation>cluster order</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>keuze</source>
            <translation>choice</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>clusters met eigen aandeel</source>
            <translation>clusters with own share</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>startdatum</source>
            <translation>start date</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>dreigingsfactor</source>
            <translation>threat factor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>× LPR</source>
            <translation>× LPR</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" />
            <source>lichtere maatregel onder de norm</source>
            <translation>lighter measure below the norm</translation>
        </message>
    </context>
    <context>
        <name>DashboardView</name>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>niet in lokaal plan</source>
            <translation>not in local plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>normbesluit</source>
            <translation>normbesluit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>versterkingsbesluit</source>
            <translation>versterkingsbesluit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>traject afgerond</source>
            <translation>completed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>Hele gebied</source>
            <translation>Whole area</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>Geselecteerde clusters</source>
            <translation>Selected clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>Per cluster</source>
            <translation>Per cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>panden</source>
            <translation>buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>adressen</source>
            <translation>addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>bereikt (cumulatief)</source>
            <translation>reached (cumulative)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>Aan: aantal dat deze mijlpaal heeft bereikt of verder is. Uit: aantal dat nu in deze fase zit.</source>
            <translation>On: number that has reached this milestone or gone beyond. Off: number now in this phase.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>aantal</source>
            <translation>count</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>{0} per cluster en mijlpaal</source>
            <translation>{0} per cluster and milestone</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>{0} in {1}</source>
            <translation>{0} in {1}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>Geen cluster geselecteerd.</source>
            <translation>No cluster selected.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>{0} per mijlpaal en risicoprofiel, hele gebied ({1} panden)</source>
            <translation>{0} per milestone and risk profile, whole area ({1} buildings)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>Het plan telt als al gereed de panden met een maatregel waarvan de bouw gereed of het traject afgerond is: {0}</source>
            <translation>The plan counts as already done the buildings with a measure whose construction is complete or whose process is finished: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>mijlpaal</source>
            <translation>milestone</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>totaal</source>
            <translation>total</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" />
            <source>cluster</source>
            <translation>cluster</translation>
        </message>
    </context>
    <context>
        <name>DeadlineEditor</name>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>geen</source>
            <translation>none</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>jaar na start</source>
            <translation>years after start</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>datum</source>
            <translation>date</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source> jaar</source>
            <translation> years</translation>
        </message>
    </context>
    <context>
        <name>DeadlinesView</name>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Dagen te laat</source>
            <translation>Days late</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Pand</source>
            <translation>Building</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Cluster</source>
            <translation>Cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Profiel</source>
            <translation>Profile</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Gereed</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Uiterlijk</source>
            <translation>Deadline</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Cluster naar voren</source>
            <translation>Cluster forward</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Naar voren</source>
            <translation>Forward</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Voortrekken</source>
            <translation>Take ahead (voortrekken)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Zet het cluster vast vooraan in de volgorde (ongedaan te maken).</source>
            <translation>Fixes the cluster at the front of the order (can be undone).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Plan de te late panden los van hun cluster, zo vroeg als kan.</source>
            <translation>Plans the late buildings apart from their cluster, as early as possible.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Alle termijnen halen</source>
            <translation>Meet all deadlines</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Minste uitlegbare buren</source>
            <translation>Fewest hard-to-explain neighbours</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Minste extra risico</source>
            <translation>Least extra risk</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Eerst clusters naar voren halen, dan pas losse panden voortrekken.</source>
            <translation>Pull clusters forward first, only then take single buildings ahead.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Eerst de te late panden voortrekken, zodat andere clusters hun plek houden.</source>
            <translation>Take the late buildings ahead first, so that other clusters keep their place.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Deze oplossing toepassen</source>
            <translation>Apply this solution</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Uiterlijk gereed {0}: {1}</source>
            <translation>Deadline {0}: {1}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Uiterlijk gereed {0} uit</source>
            <translation>Deadline {0} off</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Geen uiterlijk gereed ingesteld.</source>
            <translation>No deadline set.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Alle panden zijn op tijd veilig.</source>
            <translation>All buildings are safe in time.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>{0} panden in {1} clusters halen hun uiterlijk gereed niet (tot {2} dagen te laat).</source>
            <translation>{0} buildings in {1} clusters miss their deadline (up to {2} days late).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>De tabel toont de {0} die het meest te laat zijn.</source>
            <translation>The table shows the {0} that are latest.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>zonder cluster</source>
            <translation>without cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Kies een pand of cluster in de tabel: hier komen twee oplossingen naast elkaar.</source>
            <translation>Choose a building or cluster in the table: two solutions appear here side by side.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Oplossingen voor {0} berekenen...</source>
            <translation>Computing solutions for {0}...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>{0}: {1} panden te laat. Twee oplossingen:</source>
            <translation>{0}: {1} buildings late. Two solutions:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>alle panden op tijd</source>
            <translation>all buildings in time</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>niet alle panden op tijd</source>
            <translation>not all buildings in time</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>risicoblootstelling {0}</source>
            <translation>risk exposure {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>{0} clusters later klaar:</source>
            <translation>{0} clusters finish later:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>· {0}: {1} dagen</source>
            <translation>· {0}: {1} days</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>· en {0} meer</source>
            <translation>· and {0} more</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>{0} andere panden dan te laat</source>
            <translation>{0} other buildings then late</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>{0} buurparen anders behandeld:</source>
            <translation>{0} neighbour pairs treated differently:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>geen buren anders behandeld</source>
            <translation>no neighbours treated differently</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Oplossingen niet berekend: {0}</source>
            <translation>Solutions not computed: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Cluster {0} naar voren (uiterlijk gereed)</source>
            <translation>Cluster {0} forward (deadline)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>{0} panden voortrekken (uiterlijk gereed)</source>
            <translation>Take {0} buildings ahead (deadline)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>berekenen...</source>
            <translation>computing...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>alle termijnen gehaald</source>
            <translation>all deadlines met</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>{0} panden blijven te laat</source>
            <translation>{0} buildings stay late</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>{0}: {1}; {2} clusters naar voren, {3} panden voorgetrokken; buurparen {4}, risicoblootstelling {5}.</source>
            <translation>{0}: {1}; {2} clusters forward, {3} buildings taken ahead; neighbour pairs {4}, risk exposure {5}.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Niet berekend: {0}</source>
            <translation>Not computed: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>Alle termijnen halen ({0})</source>
            <translation>Meet all deadlines ({0})</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>minste uitlegbare buren</source>
            <translation>fewest hard-to-explain neighbours</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/deadlines.py" />
            <source>minste extra risico</source>
            <translation>least extra risk</translation>
        </message>
    </context>
    <context>
        <name>DurationsEditor</name>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>maatregel</source>
            <translation>measure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>aanpak</source>
            <translation>approach</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>voorber.
(weken)</source>
            <translation>prep.
(weeks)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>uitvoer.
(weken)</source>
            <translation>constr.
(weeks)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>kosten
(€/adres)</source>
            <translation>cost
(€/address)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>standaard of maatwerk</source>
            <translation>standard or bespoke</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>voorbereiding: van start plan tot start bouw, in weken</source>
            <translation>preparation: from plan start to construction start, in weeks</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>uitvoering: duur van de bouw, in weken</source>
            <translation>construction: duration of the works, in weeks</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>kosten in euro per adres (verblijfsobject)</source>
            <translation>cost in euros per address (dwelling unit)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>licht</source>
            <translation>light</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>zwaar</source>
            <translation>heavy</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>sloop-nieuwbouw</source>
            <translation>demolish and rebuild</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Kosten meerekenen</source>
            <translation>Include costs</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Standaardwaarden herstellen</source>
            <translation>Restore defaults</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Voorbereiding: van start plan tot start bouw (opname, beoordeling, ontwerp, uitvoeringsplan). Maatwerk is nooit sneller dan standaard. Vetgedrukt: afwijkend van de standaardwaarde (zie tooltip voor standaard en bron).</source>
            <translation>Preparation: from plan start to construction start (opname, assessment, design, execution plan). Bespoke is never faster than standard. Bold: differs from the default (see the tooltip for the default and its source).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>maatwerk</source>
            <translation>bespoke</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>standaard</source>
            <translation>standard</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>standaard {0} weken — {1}</source>
            <translation>default {0} weeks — {1}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>standaard € {0} per adres — (E) licht 20-60k, zwaar 100-300k, sloop-nieuwbouw 250-400k</source>
            <translation>default € {0} per address — (E) light 20-60k, heavy 100-300k, demolish and rebuild 250-400k</translation>
        </message>
    </context>
    <context>
        <name>EditClusterTool</name>
        <message>
            <location filename="../../gis_app/ui/clusters/tools.py" />
            <source>Hoekpunt verplaatsen</source>
            <translation>Move vertex</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/tools.py" />
            <source>Hoekpunt toevoegen</source>
            <translation>Add vertex</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/tools.py" />
            <source>Cluster verplaatsen</source>
            <translation>Move cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/tools.py" />
            <source>Hoekpunt verwijderen</source>
            <translation>Delete vertex</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>&amp;Exporteren...</source>
            <translation>&amp;Export...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Werkpakketten exporteren naar Shapefile, GeoPackage, Excel, PDF en veldpakketten</source>
            <translation>Export work packages to Shapefile, GeoPackage, Excel, PDF and field packs</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Veldpakket &amp;importeren...</source>
            <translation>&amp;Import field pack...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Mijlpalen en notities uit een teruggestuurd veldpakket overnemen</source>
            <translation>Take over milestones and notes from a returned field pack</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>GeoPackage (alle lagen, RD New)</source>
            <translation>GeoPackage (all layers, RD New)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Shapefile per werkpakket (map en .zip)</source>
            <translation>Shapefile per work package (folder and .zip)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>GeoJSON per werkpakket (WGS84)</source>
            <translation>GeoJSON per work package (WGS84)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>CSV-adreslijst per werkpakket</source>
            <translation>CSV address list per work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Excel-adreslijst per werkpakket</source>
            <translation>Excel address list per work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>PDF-kaartblad per werkpakket</source>
            <translation>PDF map sheet per work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>QGIS-project (.qgz bij het GeoPackage, met stijlen)</source>
            <translation>QGIS project (.qgz with the GeoPackage, with styles)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Exporteren</source>
            <translation>Export</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Formaten</source>
            <translation>Formats</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Veldpakket per werkpakket (offline, QGIS/QField)</source>
            <translation>Field pack per work package (offline, QGIS/QField)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Het project heeft geen clusters: bij het exporteren worden ze voorgesteld.</source>
            <translation>The project has no clusters: they are suggested during the export.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Er is geen planning ingesteld: de export plant met de standaardinstellingen.</source>
            <translation>No plan has been set up: the export plans with the default settings.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Er zijn nog geen werkpakketten: de export maakt ze uit de planning (ongedaan te maken met Bewerken &gt; Ongedaan maken).</source>
            <translation>There are no work packages yet: the export makes them from the plan (undo with Edit &gt; Undo).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Werkpakketten</source>
            <translation>Work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Het project heeft nog geen werkpakketten. Bij het exporteren worden ze gemaakt uit de huidige planning, met de standaardinstellingen.</source>
            <translation>The project has no work packages yet. The export makes them from the current plan, with the default settings.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>{id}  {name} ({n} panden) — {contractor}, {period}</source>
            <translation>{id}  {name} ({n} buildings) — {contractor}, {period}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>nog toe te wijzen</source>
            <translation>to be assigned</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Alle</source>
            <translation>All</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Geen</source>
            <translation>None</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Kolommen</source>
            <translation>Columns</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Persoonsgegevens gaan alleen mee als u ze aanvinkt.</source>
            <translation>Personal data is only included when you tick it.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>  — persoonsgegevens</source>
            <translation>  — personal data</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Map:</source>
            <translation>Folder:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Bladeren...</source>
            <translation>Browse...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Sluiten</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Zoek op id, naam of aannemer</source>
            <translation>Search by id, name or contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Alleen deze aannemer</source>
            <translation>Only this contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Aannemer:</source>
            <translation>Contractor:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Alleen deze periode</source>
            <translation>Only this period</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Van:</source>
            <translation>From:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>tot en met:</source>
            <translation>up to and including:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Selectie uit paneel Werkpakketten (%1)</source>
            <translation>Selection from the Work packages panel (%1)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>%1 van %2 gekozen</source>
            <translation>%1 of %2 chosen</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Taal van kolomkoppen:</source>
            <translation>Language of column labels:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Nederlands</source>
            <translation>Nederlands (Dutch)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Engels</source>
            <translation>English</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Kolomkoppen, toelichting en PDF-kaartbladen in deze taal; de veldnamen in Shapefile en GeoPackage blijven gelijk.</source>
            <translation>Column labels, notes and PDF map sheets in this language; the field names in Shapefile and GeoPackage stay the same.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Exportmap kiezen</source>
            <translation>Choose export folder</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Export wordt afgebroken...</source>
            <translation>Cancelling the export...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Kies eerst een map om in te exporteren.</source>
            <translation>Choose a folder to export to first.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Kies minstens één formaat.</source>
            <translation>Choose at least one format.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Kies minstens één werkpakket.</source>
            <translation>Choose at least one work package.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Afbreken</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Export gereed</source>
            <translation>Export finished</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Exporteren mislukt</source>
            <translation>Export failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Export afgebroken; er is niets weggeschreven.</source>
            <translation>Export cancelled; nothing was written.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Clusters en werkpakketten maken voor export</source>
            <translation>Making clusters and work packages for the export</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" />
            <source>Werkpakketten maken voor export</source>
            <translation>Making work packages for the export</translation>
        </message>
    </context>
    <context>
        <name>FieldPackImport</name>
        <message>
            <location filename="../../gis_app/ui/fieldpack_import.py" />
            <source>Veldpakket importeren</source>
            <translation>Import field pack</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/fieldpack_import.py" />
            <source>Veldpakket (*.gpkg *.zip)</source>
            <translation>Field pack (*.gpkg *.zip)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/fieldpack_import.py" />
            <source>Veldpakket lezen: {0}</source>
            <translation>Reading field pack: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/fieldpack_import.py" />
            <source>Het project is intussen veranderd. Importeer het veldpakket opnieuw.</source>
            <translation>The project changed in the meantime. Import the field pack again.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/fieldpack_import.py" />
            <source>Het veldpakket verandert niets.</source>
            <translation>The field pack changes nothing.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/fieldpack_import.py" />
            <source>{n} panden bijwerken? Conflicten worden niet overgenomen.</source>
            <translation>Update {n} buildings? Conflicts are not taken over.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/fieldpack_import.py" />
            <source>Veldpakket importeren mislukt</source>
            <translation>Importing the field pack failed</translation>
        </message>
    </context>
    <context>
        <name>FileActions</name>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" />
            <source>Openen mislukt</source>
            <translation>Opening failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" />
            <source>Openen</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" />
            <source>{name} wordt ingelezen...</source>
            <translation>Reading {name}...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" />
            <source>Openen geannuleerd</source>
            <translation>Opening cancelled</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" />
            <source>{name} wordt ingelezen; de panden staan al op de kaart</source>
            <translation>Reading {name}; the buildings are on the map already</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" />
            <source>{name}: {n} panden geladen</source>
            <translation>{name}: {n} buildings loaded</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" />
            <source>Inleesrapport</source>
            <translation>Import report</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" />
            <source>{n} panden ingelezen, {p} meldingen. Zie de details.</source>
            <translation>{n} buildings read, {p} messages. See the details.</translation>
        </message>
    </context>
    <context>
        <name>GanttCanvas</name>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>cluster (planvolgorde)</source>
            <translation>cluster (plan order)</translation>
        </message>
    </context>
    <context>
        <name>Glossary</name>
        <message>
            <location filename="../../gis_app/ui/glossary.py" />
            <source>licht verhoogd risico (P90 boven de norm)</source>
            <translation>slightly elevated risk: P90 above the norm</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" />
            <source>verhoogd risico (mediaan boven de norm)</source>
            <translation>elevated risk: median above the norm</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" />
            <source>normaal risico (onder de norm)</source>
            <translation>normal risk: below the norm</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" />
            <source>de eigenaar regelt de versterking zelf</source>
            <translation>owner-directed: the owner commissions the work</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" />
            <source>besluit over wat er moet gebeuren</source>
            <translation>assessment decision: what must be done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" />
            <source>besluit en uitvoeringsplan</source>
            <translation>reinforcement decision and execution plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" />
            <source>inspectie van het pand ter plaatse</source>
            <translation>on-site inspection of the building</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" />
            <source>veiligheidsnorm: LPR hoogstens 10⁻⁵ per jaar</source>
            <translation>safety norm: LPR at most 10⁻⁵ per year</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" />
            <source>lokaal persoonsgebonden risico per jaar</source>
            <translation>local personal risk per year</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" />
            <source>Basisregistratie Adressen en Gebouwen</source>
            <translation>national register of addresses and buildings</translation>
        </message>
    </context>
    <context>
        <name>GuideBrowser</name>
        <message>
            <location filename="../../gis_app/ui/help.py" />
            <source>Handleiding</source>
            <translation>User guide</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" />
            <source>De handleiding is niet gevonden in {path}.</source>
            <translation>The user guide was not found in {path}.</translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message>
            <location filename="../../gis_app/ui/team/history_dialog.py" />
            <source>Geschiedenis van {row}</source>
            <translation>History of {row}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/history_dialog.py" />
            <source>{n} wijzigingen in de database.</source>
            <translation>{n} changes in the database.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/history_dialog.py" />
            <source>Geen wijzigingen bekend in de database.</source>
            <translation>No changes known in the database.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/history_dialog.py" />
            <source>Wanneer</source>
            <translation>When</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/history_dialog.py" />
            <source>Wie</source>
            <translation>Who</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/history_dialog.py" />
            <source>Wat</source>
            <translation>What</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/history_dialog.py" />
            <source>Versie</source>
            <translation>Version</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/history_dialog.py" />
            <source>Wijzigingen (voor → na)</source>
            <translation>Changes (before → after)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/history_dialog.py" />
            <source>Sluiten</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>Identify</name>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Pand {id}</source>
            <translation>Building {id}</translation>
        </message>
    </context>
    <context>
        <name>IdentifyPanel</name>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Veld</source>
            <translation>Field</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Waarde</source>
            <translation>Value</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Klik met het identificatiegereedschap op een pand.</source>
            <translation>Click a building with the identify tool.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Pand {id}</source>
            <translation>Building {id}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Oppervlakte</source>
            <translation>Area</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Toegezegd</source>
            <translation>Promised</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Veld in het bestand: {name}</source>
            <translation>Field in the file: {name}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>{name} (id {id})</source>
            <translation>{name} (id {id})</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Toezegging intrekken</source>
            <translation>Withdraw commitment</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Toezegging pand {id} ingetrokken</source>
            <translation>Commitment for building {id} withdrawn</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>bouwstart uiterlijk {start}, gereed {done} (gemeld op {told})</source>
            <translation>construction start by {start}, done by {done} (told on {told})</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source> · het plan houdt dit</source>
            <translation> · the plan keeps this</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source> · NIET gehouden: bouwstart nu {planned}, {days} dagen later</source>
            <translation> · NOT kept: construction now starts {planned}, {days} days later</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Waarde kopiëren</source>
            <translation>Copy value</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Alle velden kopiëren</source>
            <translation>Copy all fields</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Toezegging intrekken...</source>
            <translation>Withdraw commitment...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" />
            <source>Waarom wordt de toezegging ingetrokken? (verplicht, blijft bewaard)</source>
            <translation>Why is the commitment withdrawn? (required, kept on record)</translation>
        </message>
    </context>
    <context>
        <name>LayerStack</name>
        <message>
            <location filename="../../gis_app/ui/map/layers.py" />
            <source>Gebouwen</source>
            <translation>Buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/layers.py" />
            <source>Werkpakketten</source>
            <translation>Work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/layers.py" />
            <source>Clusters</source>
            <translation>Clusters</translation>
        </message>
    </context>
    <context>
        <name>LayersPanel</name>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>De bovenste laag ligt bovenop. Sleep een laag om de volgorde te wijzigen.</source>
            <translation>The top layer is drawn on top. Drag a layer to change the order.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Laag omhoog (bovenop tekenen)</source>
            <translation>Layer up (draw on top)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Laag omlaag</source>
            <translation>Layer down</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Stijl...</source>
            <translation>Style...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Zoom naar laag</source>
            <translation>Zoom to layer</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Laag toevoegen...</source>
            <translation>Add layer...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Achtergrondlaag uit een lokaal bestand (GeoPackage, Shapefile, GeoJSON...)</source>
            <translation>Background layer from a local file (GeoPackage, Shapefile, GeoJSON...)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Verwijderen</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Dekking:</source>
            <translation>Opacity:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source> — dekking {p} %</source>
            <translation> — opacity {p} %</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Achtergrondlaag toevoegen</source>
            <translation>Add background layer</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Vectorbestanden (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;Alle bestanden (*)</source>
            <translation>Vector files (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Laag kiezen</source>
            <translation>Choose layer</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Laag in {file}:</source>
            <translation>Layer in {file}:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Laag toevoegen mislukt</source>
            <translation>Adding the layer failed</translation>
        </message>
    </context>
    <context>
        <name>LegendWidget</name>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" />
            <source>Gebouwen</source>
            <translation>Buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" />
            <source>{0} panden, worden ingelezen</source>
            <translation>{0} buildings, being read</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" />
            <source>Gebouwen — {0}</source>
            <translation>Buildings — {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" />
            <source>{0} ({1})</source>
            <translation>{0} ({1})</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" />
            <source>geselecteerd, rand om het pand ({0})</source>
            <translation>selected, border around the building ({0})</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" />
            <source>omtrek in de clusterkleur</source>
            <translation>outline in the cluster colour</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" />
            <source>omtrek, doorzichtige vulling over de panden</source>
            <translation>outline, transparent fill over the buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" />
            <source>omtrek, lichte vulling onder de panden</source>
            <translation>outline, light fill below the buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" />
            <source>geselecteerde cluster</source>
            <translation>selected cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" />
            <source>{0}: gestreepte omtrek ({1})</source>
            <translation>{0}: dashed outline ({1})</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" />
            <source>risicoprofiel</source>
            <translation>risk profile</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" />
            <source>mijlpaal</source>
            <translation>milestone</translation>
        </message>
    </context>
    <context>
        <name>Letters</name>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>&amp;Bewonersbrieven...</source>
            <translation>&amp;Letters to residents...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Brieven aan de bewoners die nu hun data kunnen krijgen, en een samenvoegbestand</source>
            <translation>Letters to the residents who can be given their dates now, and a mail-merge file</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Bewonersbrieven</source>
            <translation>Letters to residents</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Er is nog geen plan berekend.</source>
            <translation>No plan has been computed yet.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Niemand kan nu geïnformeerd worden: geen bouwstart binnen de gecontracteerde capaciteit met een bekende maatregel die nog niet is toegezegd.</source>
            <translation>Nobody can be informed now: no construction start within the contracted capacity with a known measure that has not been promised yet.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Bewonersbrieven: kies een map</source>
            <translation>Letters to residents: choose a folder</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>{0} brieven geschreven in {1}.

Worden ze verstuurd? Dan worden de genoemde data vastgelegd als toezeggingen: het plan houdt zich eraan.</source>
            <translation>{0} letters written in {1}.

Will they be sent? Then the dates they name are recorded as commitments: the plan keeps to them.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>{0} adressen geïnformeerd</source>
            <translation>{0} addresses informed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Brieven schrijven...</source>
            <translation>Writing letters...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Bewonersbrieven schrijven mislukt</source>
            <translation>Writing letters to residents failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Voorbeeldstraat 1, 9999 ZZ Voorbeeld</source>
            <translation>Voorbeeldstraat 1, 9999 ZZ Voorbeeld</translation>
        </message>
    </context>
    <context>
        <name>LettersDialog</name>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Bewonersbrieven</source>
            <translation>Letters to residents</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>{0} adressen kunnen nu geïnformeerd worden.</source>
            <translation>{0} addresses can be told now.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Nu kan niemand geïnformeerd worden; het voorbeeld is fictief.</source>
            <translation>Nobody can be told now; the preview is fictitious.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Dubbelklik om het veld op de cursor in te voegen.</source>
            <translation>Double-click to insert the field at the cursor.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Veld &amp;invoegen</source>
            <translation>&amp;Insert field</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>&amp;Standaard herstellen</source>
            <translation>Restore &amp;default</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Sjabloon &amp;opslaan</source>
            <translation>&amp;Save template</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>&amp;Brieven schrijven...</source>
            <translation>&amp;Write letters...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Sluiten</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Velden:</source>
            <translation>Fields:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Sjabloon:</source>
            <translation>Template:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Voorbeeld (eerste brief):</source>
            <translation>Preview (first letter):</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Contact:</source>
            <translation>Contact:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" />
            <source>Briefsjabloon gewijzigd</source>
            <translation>Letter template changed</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Kaartweergave deels hersteld</source>
            <translation>Map view partly restored</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Het project is geopend, maar niet alles van de opgeslagen kaartweergave kon worden hersteld:</source>
            <translation>The project is open, but not all of the saved map view could be restored:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Bestand</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Openen...</source>
            <translation>&amp;Open...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Een project of een bestand met panden openen</source>
            <translation>Open a project or a file with buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Afsluiten</source>
            <translation>E&amp;xit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Be&amp;werken</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Ongedaan maken</source>
            <translation>Undo</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Opnieuw</source>
            <translation>Redo</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Voorkeuren...</source>
            <translation>&amp;Preferences...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Bee&amp;ld</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Zoom naar &amp;volledige kaart</source>
            <translation>Zoom to &amp;full map</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Zoom naar &amp;selectie</source>
            <translation>Zoom to &amp;selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Zoom naar &amp;laag</source>
            <translation>Zoom to &amp;layer</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Inzoomen</source>
            <translation>Zoom &amp;in</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Uitzoomen</source>
            <translation>Zoom &amp;out</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Vorige weergave</source>
            <translation>&amp;Previous view</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>V&amp;olgende weergave</source>
            <translation>&amp;Next view</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Volgend &amp;paneel</source>
            <translation>Next pan&amp;el</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Vorig paneel</source>
            <translation>Previous panel</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Panelen</source>
            <translation>P&amp;anels</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Werkbalken</source>
            <translation>&amp;Toolbars</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Standaardindeling &amp;herstellen</source>
            <translation>&amp;Restore default layout</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Panelen en werkbalken terug op hun oorspronkelijke plaats</source>
            <translation>Panels and toolbars back in their original places</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Selectie</source>
            <translation>&amp;Selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Alle panden selecteren</source>
            <translation>Select &amp;all buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Selectie &amp;opheffen</source>
            <translation>&amp;Clear selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Selectie &amp;omkeren</source>
            <translation>&amp;Invert selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Selecteer op &amp;risicoprofiel</source>
            <translation>Select by &amp;risk profile</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Handleiding</source>
            <translation>User &amp;guide</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Sneltoetsen</source>
            <translation>&amp;Keyboard shortcuts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Welkomstpagina</source>
            <translation>&amp;Welcome page</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Over gis_app</source>
            <translation>&amp;About gis_app</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Kaart tools</source>
            <translation>Map tools</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Verschuiven</source>
            <translation>Pan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Kaart verschuiven door te slepen</source>
            <translation>Move the map by dragging</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Zoomkader</source>
            <translation>Zoom box</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Inzoomen op een getekend kader</source>
            <translation>Zoom in on a drawn box</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Identificeren</source>
            <translation>Identify</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Eigenschappen van een pand</source>
            <translation>Properties of a building</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Selecteren</source>
            <translation>Select</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Klik of sleep een kader; Shift voegt toe, Ctrl wisselt</source>
            <translation>Click or drag a box; Shift adds, Ctrl toggles</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Lasso</source>
            <translation>Lasso</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Selecteren met een getekende veelhoek</source>
            <translation>Select with a drawn polygon</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Navigatie</source>
            <translation>Navigation</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Volledig</source>
            <translation>Full</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Selectie</source>
            <translation>Selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Vorige</source>
            <translation>Previous</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Volgende</source>
            <translation>Next</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Zoeken</source>
            <translation>Search</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source> Zoeken: </source>
            <translation> Search: </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Lagen</source>
            <translation>Layers</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Stijl panden</source>
            <translation>Building style</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Legenda</source>
            <translation>Legend</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Clusters</source>
            <translation>&amp;Clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Clusters</source>
            <translation>Clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>&amp;Werkpakketten</source>
            <translation>&amp;Work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Werkpakketten</source>
            <translation>Work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Attribuuttabel</source>
            <translation>Attribute table</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>Over gis_app</source>
            <translation>About gis_app</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" />
            <source>gis_app {version}

Planning van de versterkingsopgave in Groningen: panden op de kaart, clusters, planning en werkpakketten.</source>
            <translation>gis_app {version}

Planning the earthquake reinforcement of buildings in Groningen: buildings on the map, clusters, planning and work packages.</translation>
        </message>
    </context>
    <context>
        <name>MapCanvas</name>
        <message>
            <location filename="../../gis_app/ui/map/canvas.py" />
            <source>Pand {0}</source>
            <translation>Building {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/canvas.py" />
            <source>Risicoprofiel: {0}</source>
            <translation>Risk profile: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/canvas.py" />
            <source>Mijlpaal: {0}</source>
            <translation>Milestone: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/canvas.py" />
            <source>Cluster: {0}</source>
            <translation>Cluster: {0}</translation>
        </message>
    </context>
    <context>
        <name>MetricsView</name>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>factor {0}</source>
            <translation>factor {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>{0} panden lichter (toegepast)</source>
            <translation>{0} buildings lighter (applied)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>{0} panden lichter (kandidaat)</source>
            <translation>{0} buildings lighter (candidates)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>geen</source>
            <translation>none</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>{0} panden in {1} clusters</source>
            <translation>{0} buildings in {1} clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>{0} adressen</source>
            <translation>{0} addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>{0} van {1}</source>
            <translation>{0} of {1}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>{0} slachtoffer-jaren</source>
            <translation>{0} fatality-years</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>{0} panden</source>
            <translation>{0} buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>{0} paren</source>
            <translation>{0} pairs</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>{0} jaar</source>
            <translation>{0} years</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>€ {0} mln</source>
            <translation>€ {0} m</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Risicoblootstelling</source>
            <translation>Risk exposure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Alle verhoogd gereed</source>
            <translation>All verhoogd done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Alle licht verhoogd gereed</source>
            <translation>All licht verhoogd done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Alles gereed</source>
            <translation>All done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Verhoogd veilig 50/90/100 %</source>
            <translation>Verhoogd safe 50/90/100 %</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Licht verhoogd veilig 50/90/100 %</source>
            <translation>Licht verhoogd safe 50/90/100 %</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Normaal veilig 50/90/100 %</source>
            <translation>Normaal safe 50/90/100 %</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Uiterlijk gereed gemist</source>
            <translation>Deadline missed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Afstand tot ondergrens</source>
            <translation>Distance to lower bound</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Maatwerk</source>
            <translation>Bespoke</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Moeilijk uitlegbare buren</source>
            <translation>Hard-to-explain neighbours</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Mediane wachttijd verhoogd</source>
            <translation>Median wait verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Dreigingsniveau</source>
            <translation>Threat level</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Kosten</source>
            <translation>Cost</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Nu te informeren</source>
            <translation>Can be informed now</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Toezeggingen gebroken</source>
            <translation>Commitments broken</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Som over de panden van LPR × personen × jaren tot veilig: het risico dat gelopen wordt tijdens het wachten (verwachte slachtoffers). Snelheid verlaagt dit.</source>
            <translation>Sum over the buildings of LPR × persons × years until safe: the risk run while waiting (expected fatalities). Speed lowers it.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Panden met maatwerk in dit plan, inclusief sloop-nieuwbouw en eigen regie (die zijn altijd maatwerk); percentage van de panden met werk.</source>
            <translation>Buildings with a bespoke approach in this plan, including demolish-and-rebuild and eigen regie (owner-directed; always bespoke); percentage of the buildings with work.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Factor op het risico. Panden die daardoor onder de Meijdam-norm vallen zijn kandidaat voor een lichtere of geen maatregel.</source>
            <translation>Factor on the risk. Buildings that thereby fall below the Meijdam norm are candidates for a lighter measure or none.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Adressen waarvan de bouwstart binnen de gecontracteerde capaciteit valt, de maatregel bekend is (beoordeling gedaan) en die nog niets gehoord hebben: zij kunnen nu hun data krijgen (Bestand &gt; Bewonersbrieven...).</source>
            <translation>Addresses whose construction start falls within the contracted capacity, whose measure is known (assessment done) and who have not heard anything yet: they can be given their dates now (File &gt; Letters to residents...).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Toezeggingen aan bewoners die dit plan niet houdt: de bouw start later dan toegezegd. Zie het identificatiepaneel per adres.</source>
            <translation>Commitments to residents that this plan does not keep: construction starts later than promised. See the identify panel per address.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>De maanden waarin de helft, negen op de tien en alle verhoogde panden met werk veilig zijn. Ook als punten in de grafiek Veilige panden.</source>
            <translation>The months in which half, nine in ten and all of the buildings of this profile that need work are safe. Also shown as points in the Safe buildings chart.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Panden die na hun uiterlijk gereed veilig zijn (zie Uiterlijk gereed in dit paneel: welke panden, hoeveel te laat en wat er aan te doen is).</source>
            <translation>Buildings that are safe only after their deadline (see Deadlines in this panel: which buildings, how late and what can be done).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Hoeveel de risicoblootstelling van dit plan hooguit boven het best mogelijke ligt: (risicoblootstelling − ondergrens) / risicoblootstelling.</source>
            <translation>How far the risk exposure of this plan is at most above the best possible: (risk exposure − lower bound) / risk exposure.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Buren (binnen de buurafstand) die verschillend worden aangepakt of ver uit elkaar gereedkomen: moeilijk uitlegbare verschillen.</source>
            <translation>Neighbours (within the neighbour distance) that are treated differently or finished far apart: differences that are hard to explain.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Geen panden met werk: er valt niets te plannen.</source>
            <translation>No buildings with work: there is nothing to plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Nog geen clusters: panden worden per gemeente gepland.</source>
            <translation>No clusters yet: buildings are planned per municipality.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>De drie datums zijn gelijk: het laatste blok in de planning bevat panden van elk risicoprofiel.</source>
            <translation>The three dates are equal: the last block in the plan holds buildings of every risk profile.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" />
            <source>Moeilijk uitlegbare buren: zonder clusters worden buren niet samen gepland en komen ze jaren na elkaar gereed.</source>
            <translation>Hard-to-explain neighbours: without clusters, neighbours are not planned together and are finished years apart.</translation>
        </message>
    </context>
    <context>
        <name>Months</name>
        <message>
            <location filename="../../gis_app/ui/planning/formats.py" />
            <source>jan</source>
            <translation>Jan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/formats.py" />
            <source>feb</source>
            <translation>Feb</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/formats.py" />
            <source>mrt</source>
            <translation>Mar</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/formats.py" />
            <source>apr</source>
            <translation>Apr</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/formats.py" />
            <source>mei</source>
            <translation>May</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/formats.py" />
            <source>jun</source>
            <translation>Jun</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/formats.py" />
            <source>jul</source>
            <translation>Jul</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/formats.py" />
            <source>aug</source>
            <translation>Aug</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/formats.py" />
            <source>sep</source>
            <translation>Sep</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/formats.py" />
            <source>okt</source>
            <translation>Oct</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/formats.py" />
            <source>nov</source>
            <translation>Nov</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/formats.py" />
            <source>dec</source>
            <translation>Dec</translation>
        </message>
    </context>
    <context>
        <name>NorthArrow</name>
        <message>
            <location filename="../../gis_app/ui/map/decorations.py" />
            <source>N</source>
            <translation>N</translation>
        </message>
    </context>
    <context>
        <name>OutlineMap</name>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>Geen vorm</source>
            <translation>No shape</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>hun versie (database)</source>
            <translation>their version (database)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/conflict_dialog.py" />
            <source>mijn versie</source>
            <translation>my version</translation>
        </message>
    </context>
    <context>
        <name>PackageTableModel</name>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Id</source>
            <translation>Id</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Naam</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Panden</source>
            <translation>Buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Adressen</source>
            <translation>Addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Aannemer</source>
            <translation>Contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Start</source>
            <translation>Start</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Einde</source>
            <translation>End</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Licht</source>
            <translation>Light</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Zwaar</source>
            <translation>Heavy</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Sloop-nieuwbouw</source>
            <translation>Demolish and rebuild</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Standaard</source>
            <translation>Standard</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Maatwerk</source>
            <translation>Bespoke</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Bewoners</source>
            <translation>Residents</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Kosten</source>
            <translation>Cost</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Cluster</source>
            <translation>Cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Handmatig</source>
            <translation>Manual</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Panden met lichte versterking</source>
            <translation>Buildings with light reinforcement</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Panden met zware versterking</source>
            <translation>Buildings with heavy reinforcement</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Panden met sloop-nieuwbouw</source>
            <translation>Buildings to be demolished and rebuilt</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Panden met standaardaanpak</source>
            <translation>Buildings with the standard approach</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Panden met maatwerk</source>
            <translation>Buildings with a bespoke approach</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Door de planner aangepast; herplannen laat het pakket staan</source>
            <translation>Changed by the planner; replanning leaves the package as it is</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Eerste bouwstart in de planning</source>
            <translation>First construction start in the plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Laatste oplevering in de planning</source>
            <translation>Last completion in the plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Geraamde kosten in euro</source>
            <translation>Estimated cost in euros</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Nog geen aannemer toegewezen</source>
            <translation>No contractor assigned yet</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>nog toe te wijzen</source>
            <translation>to be assigned</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>ja</source>
            <translation>yes</translation>
        </message>
    </context>
    <context>
        <name>PackagesPanel</name>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Maak werkpakketten uit planning</source>
            <translation>Make work packages from plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Bewerken</source>
            <translation>Edit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Alleen de werkpakketten van één aannemer tonen</source>
            <translation>Show only the work packages of one contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Toon aannemer:</source>
            <translation>Show contractor:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>alle</source>
            <translation>all</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>nog toe te wijzen</source>
            <translation>to be assigned</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Grenzen per werkpakket</source>
            <translation>Limits per work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source> panden</source>
            <translation> buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source> adressen</source>
            <translation> addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source> weken</source>
            <translation> weeks</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Restpakket van 1-5 panden bij het vorige pakket voegen</source>
            <translation>Add a remainder of 1-5 buildings to the previous package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Hoogstens</source>
            <translation>At most</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Bouwstarts binnen</source>
            <translation>Construction starts within</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Knip de planning per cluster in werkpakketten; bestaande pakketten worden bijgewerkt (ids, namen, aannemers en handmatige wijzigingen blijven)</source>
            <translation>Cut the plan per cluster into work packages; existing packages are updated (ids, names, contractors and manual changes stay)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Selectie naar pakket...</source>
            <translation>Selection to package...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Verplaats de geselecteerde panden naar een werkpakket of een nieuw pakket</source>
            <translation>Move the selected buildings to a work package or a new package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Clusters naar pakket...</source>
            <translation>Clusters to package...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Verplaats alle panden met werk van de geselecteerde clusters naar een pakket</source>
            <translation>Move all buildings with work of the selected clusters to a package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Samenvoegen</source>
            <translation>Merge</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Voeg de geselecteerde werkpakketten samen tot het eerste</source>
            <translation>Merge the selected work packages into the first</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Splitsen</source>
            <translation>Split</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Splits het werkpakket: de geselecteerde panden naar een nieuw pakket, of anders in twee helften op volgorde van bouwstart</source>
            <translation>Split the work package: the selected buildings to a new package, otherwise into two halves by construction start</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Hernoemen...</source>
            <translation>Rename...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Geef het werkpakket een naam</source>
            <translation>Give the work package a name</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Aannemer en periode...</source>
            <translation>Contractor and period...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Wijs een aannemer toe aan de geselecteerde werkpakketten</source>
            <translation>Assign a contractor to the selected work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Zoom naar pakket</source>
            <translation>Zoom to package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Selecteer de panden van de pakketten en zoom ernaar</source>
            <translation>Select the buildings of the packages and zoom to them</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Verwijderen</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Verwijder de geselecteerde werkpakketten; hun panden zitten daarna in geen pakket</source>
            <translation>Delete the selected work packages; their buildings are then in no package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Nog geen werkpakketten. Maak ze uit de planning.</source>
            <translation>No work packages yet. Make them from the plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>%1 werkpakketten, %2 panden, %3 adressen</source>
            <translation>%1 work packages, %2 buildings, %3 addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>; %1 panden met werk in geen pakket</source>
            <translation>; %1 buildings with work in no package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>; getoond: %1 van %2</source>
            <translation>; shown: %1 of %2</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>De planning is gewijzigd. Kies 'Maak werkpakketten uit planning' om de pakketten bij te werken; ids, namen en handmatige wijzigingen blijven.</source>
            <translation>The plan has changed. Choose 'Make work packages from plan' to update the packages; ids, names and manual changes stay.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Er is nog geen planning. Bereken eerst een planning in het paneel Planning; werkpakketten worden uit de planning gemaakt.</source>
            <translation>There is no plan yet. First compute a plan in the Planning panel; work packages are made from the plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Er zijn nog geen werkpakketten.</source>
            <translation>There are no work packages yet.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Werkpakketten</source>
            <translation>Work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Werkpakketten bijwerken</source>
            <translation>Update work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Werkpakketten maken</source>
            <translation>Make work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>%1 werkpakketten met %2 panden</source>
            <translation>%1 work packages with %2 buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Nieuw werkpakket</source>
            <translation>New work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Naar werkpakket:</source>
            <translation>To work package:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Selecteer eerst panden op de kaart of in de tabel.</source>
            <translation>Select buildings on the map or in the table first.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Geen van de geselecteerde panden heeft werk in de planning.</source>
            <translation>None of the selected buildings has work in the plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Selectie naar pakket</source>
            <translation>Selection to package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Panden naar werkpakket</source>
            <translation>Buildings to work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>%1 panden naar %2</source>
            <translation>%1 buildings to %2</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>; %1 panden zonder werk in de planning niet verplaatst</source>
            <translation>; %1 buildings without work in the plan not moved</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Selecteer eerst clusters in het paneel Clusters.</source>
            <translation>Select clusters in the Clusters panel first.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>De geselecteerde clusters hebben geen werk in de planning.</source>
            <translation>The selected clusters have no work in the plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Clusters naar pakket</source>
            <translation>Clusters to package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Clusters naar werkpakket</source>
            <translation>Clusters to work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Werkpakketten samenvoegen</source>
            <translation>Merge work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Kies één werkpakket om te splitsen.</source>
            <translation>Choose one work package to split.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Werkpakket splitsen</source>
            <translation>Split work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Werkpakket hernoemen</source>
            <translation>Rename work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Naam van %1:</source>
            <translation>Name of %1:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Aannemer toewijzen</source>
            <translation>Assign contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" />
            <source>Werkpakketten verwijderen</source>
            <translation>Delete work packages</translation>
        </message>
    </context>
    <context>
        <name>PeriodTable</name>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>vanaf</source>
            <translation>from</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>bouwstarts per week</source>
            <translation>construction starts per week</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Periode toevoegen</source>
            <translation>Add period</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" />
            <source>Verwijderen</source>
            <translation>Delete</translation>
        </message>
    </context>
    <context>
        <name>PlanCharts</name>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>Bouwcapaciteit per maand</source>
            <translation>Construction capacity per month</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>bouwstarts</source>
            <translation>starts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>geplande starts</source>
            <translation>planned starts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>boven capaciteit</source>
            <translation>above capacity</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>capaciteit</source>
            <translation>capacity</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>gecontracteerd</source>
            <translation>contracted</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>Veilige panden (cumulatief)</source>
            <translation>Safe buildings (cumulative)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <location filename="../../gis_app/ui/team/session.py" />
            <source>panden</source>
            <translation>buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>Resterend risico</source>
            <translation>Remaining risk</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>slachtoffers per jaar</source>
            <translation>fatalities per year</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>risico van panden die nog niet veilig zijn</source>
            <translation>risk of buildings that are not safe yet</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>Afweging snelheid – maatwerk</source>
            <translation>Trade-off speed – bespoke</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>alle clusters hetzelfde aandeel</source>
            <translation>all clusters the same share</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>huidig plan</source>
            <translation>current plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>slachtoffer-jaren</source>
            <translation>fatality-years</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <location filename="../../gis_app/ui/team/session.py" />
            <source>aandeel maatwerk</source>
            <translation>bespoke share</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>uiterlijk {0}</source>
            <translation>deadline {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" />
            <source>wordt berekend ({0} %)</source>
            <translation>computing ({0} %)</translation>
        </message>
    </context>
    <context>
        <name>PlanningController</name>
        <message>
            <location filename="../../gis_app/ui/planning/controller.py" />
            <source>Planningsinstellingen in het project zijn ongeldig ({0}); standaardwaarden gebruikt.</source>
            <translation>The planning settings in the project are invalid ({0}); defaults used.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/controller.py" />
            <source>De planning kon niet worden berekend: {0}</source>
            <translation>The plan could not be computed: {0}</translation>
        </message>
    </context>
    <context>
        <name>PlanningPanel</name>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Snelheid ↔ maatwerk (alle clusters)</source>
            <translation>Speed ↔ bespoke (all clusters)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Aandeel maatwerk voor clusters zonder eigen instelling. Sloop-nieuwbouw en eigen regie zijn altijd maatwerk.</source>
            <translation>Bespoke share for clusters without their own setting. Demolish-and-rebuild and eigen regie (owner-directed) are always bespoke.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Geselecteerd cluster</source>
            <translation>Selected cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Plan</source>
            <translation>Plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>standaard (hoog risico eerst)</source>
            <translation>default (high risk first)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>geoptimaliseerd (minste risicoblootstelling)</source>
            <translation>optimised (least risk exposure)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Factor op het risico (LPR). 1 = huidig dreigingsniveau; lager bij minder gaswinning.</source>
            <translation>Factor on the risk (LPR). 1 = current threat level; lower with less gas extraction.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>lichtere maatregel onder de Meijdam-norm</source>
            <translation>lighter measure below the Meijdam norm</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Volgorde clusters</source>
            <translation>Cluster order</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Startdatum</source>
            <translation>Start date</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Dreigingsfactor</source>
            <translation>Threat factor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Uitkomst</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Uiterlijk gereed</source>
            <translation>Deadlines</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Capaciteit</source>
            <translation>Capacity</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Duur en kosten</source>
            <translation>Duration and cost</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Het plan volgt zodra de panden zijn ingelezen.</source>
            <translation>The plan follows once the buildings have been read.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Nog geen plan: open of laad panden.</source>
            <translation>No plan yet: open or load buildings.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>plan: maatwerk {0} — {1} panden</source>
            <translation>plan: bespoke {0} — {1} buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>berekend in {0} s</source>
            <translation>computed in {0} s</translation>
        </message>
    </context>
    <context>
        <name>PlanningWorkspace</name>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Planning</source>
            <translation>Planning</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Grafieken</source>
            <translation>Charts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Tijdlijn</source>
            <translation>Timeline</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Scenario's</source>
            <translation>Scenarios</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Voortgang</source>
            <translation>Progress</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>Aandeel maatwerk (selectie)</source>
            <translation>Bespoke share (selection)</translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>Voorkeuren</source>
            <translation>Preferences</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>Algemeen</source>
            <translation>General</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>Nederlands</source>
            <translation>Nederlands (Dutch)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>Engels (English)</source>
            <translation>English</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>De taal wordt toegepast bij de volgende start van het programma.</source>
            <translation>The language is applied the next time the program starts.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>&amp;Taal:</source>
            <translation>&amp;Language:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>uit</source>
            <translation>off</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>&amp;Automatisch opslaan elke:</source>
            <translation>&amp;Autosave every:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>(de laatst gebruikte map)</source>
            <translation>(the folder used last)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>&amp;Bladeren...</source>
            <translation>&amp;Browse...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>&amp;Gegevensmap:</source>
            <translation>&amp;Data folder:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>Nieuwe planning</source>
            <translation>New plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source> bouwstarts per week</source>
            <translation> construction starts per week</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>&amp;Capaciteit:</source>
            <translation>&amp;Capacity:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>maandag van deze &amp;week</source>
            <translation>Monday of this &amp;week</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>&amp;Startdatum:</source>
            <translation>&amp;Start date:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>Geldt voor projecten zonder eigen planningsinstellingen.</source>
            <translation>Applies to projects without planning settings of their own.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>Exporteren (standaardkeuze)</source>
            <translation>Export (default choice)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>&amp;Standaardwaarden</source>
            <translation>Restore &amp;defaults</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" />
            <source>Gegevensmap kiezen</source>
            <translation>Choose data folder</translation>
        </message>
    </context>
    <context>
        <name>ProjectController</name>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>&amp;Bestand</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>&amp;Nieuw</source>
            <translation>&amp;New</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Een nieuw, leeg project beginnen</source>
            <translation>Start a new, empty project</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>&amp;Openen...</source>
            <translation>&amp;Open...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Een project of een bestand met panden openen</source>
            <translation>Open a project or a file with buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Op&amp;slaan</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Het project opslaan</source>
            <translation>Save the project</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Opslaan &amp;als...</source>
            <translation>Save &amp;as...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Het project opslaan in een ander bestand</source>
            <translation>Save the project to another file</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>&amp;Recente projecten</source>
            <translation>&amp;Recent projects</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>&amp;Afsluiten</source>
            <translation>E&amp;xit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Niet-opgeslagen wijzigingen</source>
            <translation>Unsaved changes</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Het project ‘{name}’ heeft wijzigingen die nog niet zijn opgeslagen.</source>
            <translation>The project ‘{name}’ has changes that have not been saved yet.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Wilt u de wijzigingen opslaan?</source>
            <translation>Do you want to save the changes?</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Project opslaan als</source>
            <translation>Save project as</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Project of gegevens openen</source>
            <translation>Open project or data</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Naamloos project</source>
            <translation>Untitled project</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source> project</source>
            <translation> project</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Openen mislukt</source>
            <translation>Opening failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <location filename="../../gis_app/ui/team/session.py" />
            <source>Er wordt al opgeslagen; wacht tot dat klaar is.</source>
            <translation>A save is already running; wait until it has finished.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <location filename="../../gis_app/ui/team/actions.py" />
            <location filename="../../gis_app/ui/team/session.py" />
            <source>opslaan</source>
            <translation>saving</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Opslaan mislukt</source>
            <translation>Saving failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Opslaan</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Project opslaan...</source>
            <translation>Saving the project...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Opslaan geannuleerd; het project is niet opgeslagen.</source>
            <translation>Save cancelled; the project has not been saved.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Project opgeslagen: {path}</source>
            <translation>Project saved: {path}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>• {name} ({role}): niet gevonden</source>
            <translation>• {name} ({role}): not found</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>• {name} ({role}): niet te controleren (geen gewoon bestand, te groot of te traag)</source>
            <translation>• {name} ({role}): cannot be checked (not a regular file, too large or too slow)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>• {name} ({role}): gewijzigd sinds het project is gemaakt</source>
            <translation>• {name} ({role}): changed since the project was made</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Project geopend; {count} bronbestand(en) gewijzigd of niet gevonden</source>
            <translation>Project opened; {count} source file(s) changed or not found</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Bronbestanden gewijzigd</source>
            <translation>Source files changed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Het project is geopend zoals het is opgeslagen, maar deze bronbestanden zijn sindsdien veranderd:</source>
            <translation>The project has been opened as it was saved, but these source files have changed since:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Project deels geopend</source>
            <translation>Project partly opened</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Het project is geopend met al zijn panden, maar niet alles in het bestand was bruikbaar. Dit is weggelaten of vervangen door standaardwaarden:</source>
            <translation>The project has been opened with all its buildings, but not everything in the file was usable. This was left out or replaced by defaults:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>(geen)</source>
            <translation>(none)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Lijst wissen</source>
            <translation>Clear list</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Automatisch opslaan</source>
            <translation>Autosave</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Elke minuut</source>
            <translation>Every minute</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Elke 2 minuten</source>
            <translation>Every 2 minutes</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Elke 5 minuten</source>
            <translation>Every 5 minutes</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Elke 10 minuten</source>
            <translation>Every 10 minutes</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Uit</source>
            <translation>Off</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Niet-opgeslagen werk wordt bewaard in een herstelbestand, voor als het misgaat</source>
            <translation>Unsaved work is kept in a recovery file, in case something goes wrong</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>naamloos project</source>
            <translation>untitled project</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Niet-opgeslagen werk herstellen</source>
            <translation>Recover unsaved work</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>gis_app is de vorige keer niet normaal afgesloten. Er is niet-opgeslagen werk van ‘{name}’ bewaard (automatisch opgeslagen {when}).</source>
            <translation>gis_app did not close normally last time. Unsaved work of ‘{name}’ has been kept (autosaved {when}).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Herstellen opent dit werk; sla het daarna op. Verwijderen gooit het weg. Annuleren bewaart het voor de volgende keer.</source>
            <translation>Restore opens this work; save it afterwards. Discard throws it away. Cancel keeps it for next time.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Herstellen mislukt</source>
            <translation>Recovery failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Niet-opgeslagen werk hersteld; sla het project op.</source>
            <translation>Unsaved work recovered; save the project.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>gis_app-project (*.gpkg)</source>
            <translation>gis_app project (*.gpkg)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" />
            <source>Projecten en gegevens (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;gis_app-project (*.gpkg);;Shapefile (*.shp *.zip);;GeoJSON (*.geojson *.json);;FlatGeobuf (*.fgb);;Alle bestanden (*)</source>
            <translation>Projects and data (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;gis_app project (*.gpkg);;Shapefile (*.shp *.zip);;GeoJSON (*.geojson *.json);;FlatGeobuf (*.fgb);;All files (*)</translation>
        </message>
    </context>
    <context>
        <name>QgisExport</name>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" />
            <source>Exporteren als QGIS-project: kies een map</source>
            <translation>Export as QGIS project: choose a folder</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" />
            <source>Werkpakketten maken voor export</source>
            <translation>Making work packages for the export</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" />
            <source>QGIS-project geschreven</source>
            <translation>QGIS project written</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" />
            <source>Exporteren als QGIS-project</source>
            <translation>Export as QGIS project</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" />
            <source>QGIS-project schrijven...</source>
            <translation>Writing the QGIS project...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" />
            <source>Exporteren als QGIS-project mislukt</source>
            <translation>Export as QGIS project failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" />
            <source>Exporteren als &amp;QGIS-project...</source>
            <translation>Export as &amp;QGIS project...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" />
            <source>Het plan als QGIS-project (.qgz) met GeoPackage, stijlen en achtergrondlagen</source>
            <translation>The plan as a QGIS project (.qgz) with GeoPackage, styles and background layers</translation>
        </message>
    </context>
    <context>
        <name>ScaleBar</name>
        <message>
            <location filename="../../gis_app/ui/map/decorations.py" />
            <source>{0} km</source>
            <translation>{0} km</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/decorations.py" />
            <source>{0} m</source>
            <translation>{0} m</translation>
        </message>
    </context>
    <context>
        <name>ScenarioManager</name>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Scenario's (vink aan om te vergelijken):</source>
            <translation>Scenarios (tick to compare):</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Huidige opslaan…</source>
            <translation>Save current…</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Toepassen</source>
            <translation>Apply</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Dupliceren</source>
            <translation>Duplicate</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Hernoemen…</source>
            <translation>Rename…</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Verwijderen</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Vergelijken</source>
            <translation>Compare</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Bewaar de huidige instellingen, clusteraandelen en volgorde als scenario.</source>
            <translation>Keep the current settings, cluster shares and order as a scenario.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Zet de instellingen van het gekozen scenario terug als huidige planning.</source>
            <translation>Restore the settings of the chosen scenario as the current plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Vergelijking</source>
            <translation>Comparison</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Curven</source>
            <translation>Curves</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Verhoogd veilig (cumulatief)</source>
            <translation>Verhoogd safe (cumulative)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>panden</source>
            <translation>buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Resterend risico</source>
            <translation>Remaining risk</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>slachtoffers per jaar</source>
            <translation>fatalities per year</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>opgeslagen {0}</source>
            <translation>saved {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>volgorde: {0}</source>
            <translation>order: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>globaal maatwerk: {0} %</source>
            <translation>global bespoke: {0} %</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>{0} clusters met eigen aandeel</source>
            <translation>{0} clusters with their own share</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Scenario '{0}' opgeslagen.</source>
            <translation>Scenario '{0}' saved.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Scenario '{0}' toegepast.</source>
            <translation>Scenario '{0}' applied.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Scenario {0}</source>
            <translation>Scenario {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Scenario opslaan</source>
            <translation>Save scenario</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Naam van het scenario:</source>
            <translation>Name of the scenario:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Scenario hernoemen</source>
            <translation>Rename scenario</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Nieuwe naam:</source>
            <translation>New name:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Scenario verwijderen</source>
            <translation>Delete scenario</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Scenario '{0}' verwijderen?</source>
            <translation>Delete scenario '{0}'?</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Vink ten minste twee scenario's aan om te vergelijken.</source>
            <translation>Tick at least two scenarios to compare.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Bezig met vergelijken…</source>
            <translation>Comparing…</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Vergelijken mislukt: {0}</source>
            <translation>Comparison failed: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>{0} scenario's vergeleken; gemarkeerde rijen verschillen.</source>
            <translation>{0} scenarios compared; highlighted rows differ.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>kengetal</source>
            <translation>key figure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>eenheid</source>
            <translation>unit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Invoer</source>
            <translation>Input</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" />
            <source>Uitkomst</source>
            <translation>Outcome</translation>
        </message>
    </context>
    <context>
        <name>SearchField</name>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" />
            <source>Zoek BAG-id, adres of postcode</source>
            <translation>Search BAG id, address or postcode</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" />
            <source>Zoeken op BAG pand-id, adres (straat huisnummer, plaats) of postcode;
Enter selecteert alle treffers en zoomt ernaar.</source>
            <translation>Search by BAG building id, address (street number, town) or postcode;
Enter selects all matches and zooms to them.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" />
            <source>Gevonden: {hit}</source>
            <translation>Found: {hit}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" />
            <source>Niets gevonden voor '{query}'</source>
            <translation>Nothing found for '{query}'</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" />
            <source>Alle {n} panden selecteren</source>
            <translation>Select all {n} buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" />
            <source>… en {n} meer</source>
            <translation>… and {n} more</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" />
            <source>{n} panden gevonden: kies er een uit de lijst</source>
            <translation>{n} buildings found: choose one from the list</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" />
            <source>{n} panden gevonden</source>
            <translation>{n} buildings found</translation>
        </message>
    </context>
    <context>
        <name>ShareSlider</name>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>snelheid</source>
            <translation>speed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" />
            <source>maatwerk</source>
            <translation>bespoke</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <location filename="../../gis_app/ui/help.py" />
            <source>Kaart</source>
            <translation>Map</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" />
            <source>Paneel {name}</source>
            <translation>Panel {name}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" />
            <source>Ongedaan maken</source>
            <translation>Undo</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" />
            <source>Opnieuw</source>
            <translation>Redo</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" />
            <source>Sneltoetsen</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" />
            <source>Letters zonder Ctrl (de kaarttools) werken als de kaart de focus heeft. F6 en Shift+F6 gaan naar het volgende of vorige paneel; Tab loopt door de velden van een paneel; Alt met de onderstreepte letter opent een menu.</source>
            <translation>Letters without Ctrl (the map tools) work when the map has the focus. F6 and Shift+F6 go to the next or previous panel; Tab moves through the fields of a panel; Alt with the underlined letter opens a menu.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" />
            <source>Menu</source>
            <translation>Menu</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" />
            <source>Actie</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" />
            <source>Toets</source>
            <translation>Key</translation>
        </message>
    </context>
    <context>
        <name>SplitClusterTool</name>
        <message>
            <location filename="../../gis_app/ui/clusters/tools.py" />
            <source>De lijn snijdt geen cluster in tweeën.</source>
            <translation>The line does not cut any cluster in two.</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" />
            <source>Cursorpositie in RD New (EPSG:28992), meter</source>
            <translation>Cursor position in RD New (EPSG:28992), metres</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" />
            <source>Cursorpositie in WGS84 (breedte, lengte)</source>
            <translation>Cursor position in WGS84 (latitude, longitude)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" />
            <source>Kaartschaal; typ een schaal als 1:5000 en Enter</source>
            <translation>Map scale; type a scale such as 1:5000 and Enter</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" />
            <source>Aantal geselecteerde panden</source>
            <translation>Number of selected buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" />
            <source>RD x –, y –</source>
            <translation>RD x –, y –</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" />
            <source>WGS84 –</source>
            <translation>WGS84 –</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" />
            <source>RD x {x}, y {y} m</source>
            <translation>RD x {x}, y {y} m</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" />
            <source>{lat}° N, {lon}° O</source>
            <translation>{lat}° N, {lon}° E</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" />
            <source>Ongeldige schaal; typ bijvoorbeeld 1:5000</source>
            <translation>Invalid scale; type for example 1:5000</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" />
            <source>{n} panden geselecteerd</source>
            <translation>{n} buildings selected</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" />
            <source>1 pand geselecteerd</source>
            <translation>1 building selected</translation>
        </message>
    </context>
    <context>
        <name>StylePanel</name>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Risicoprofiel</source>
            <translation>Risk profile</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Mijlpaal (NCG)</source>
            <translation>Milestone (NCG)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Numeriek veld in klassen</source>
            <translation>Numeric field in classes</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Categorieën van een veld</source>
            <translation>Categories of a field</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Gereed volgens planning (jaar)</source>
            <translation>Done according to plan (year)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Aanpak volgens planning</source>
            <translation>Approach according to plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Toezeggingen aan bewoners</source>
            <translation>Promises to residents</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Kwantielen (gelijke aantallen)</source>
            <translation>Quantiles (equal counts)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Gelijke intervallen</source>
            <translation>Equal intervals</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Natuurlijke grenzen (Jenks)</source>
            <translation>Natural breaks (Jenks)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Omtrek van panden tekenen</source>
            <translation>Draw building outlines</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Alleen nu te informeren</source>
            <translation>Only those to tell now</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Toon alleen de panden waarvan de bewoners nu hun data kunnen horen; de andere panden worden grijs.</source>
            <translation>Show only the buildings whose residents can be told their dates now; the other buildings turn grey.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Geen</source>
            <translation>None</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>BAG-id</source>
            <translation>BAG id</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Adres</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Labels verschijnen als ver genoeg is ingezoomd.</source>
            <translation>Labels appear when zoomed in far enough.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Kleur op:</source>
            <translation>Colour by:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Veld:</source>
            <translation>Field:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Indeling:</source>
            <translation>Classification:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Aantal klassen:</source>
            <translation>Number of classes:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Filter:</source>
            <translation>Filter:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" />
            <source>Labels:</source>
            <translation>Labels:</translation>
        </message>
    </context>
    <context>
        <name>SuggestClustersDialog</name>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Voorstel clusters</source>
            <translation>Suggest clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Kleine groepen voegen eerst samen met een buurgroep binnen 40 m als de grenzen dat toelaten; wat dan nog kleiner is, wordt geen cluster. Die panden blijven zonder cluster en worden per gemeente na de clusters gepland.</source>
            <translation>Small groups first merge with a neighbouring group within 40 m if the limits allow it; what is still smaller does not become a cluster. Those buildings stay without a cluster and are planned per municipality after the clusters.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Bestaande clusters vervangen</source>
            <translation>Replace existing clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Uit: bestaande clusters blijven staan en houden hun panden; alleen panden zonder cluster worden gegroepeerd.</source>
            <translation>Off: existing clusters stay and keep their buildings; only buildings without a cluster are grouped.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Maximaal aantal panden per cluster</source>
            <translation>Maximum number of buildings per cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Maximale spreiding (diagonaal)</source>
            <translation>Maximum spread (diagonal)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Panden samen als ze minder dan ... uit elkaar staan</source>
            <translation>Buildings together when less than ... apart</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Minimaal aantal panden per cluster</source>
            <translation>Minimum number of buildings per cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Voorstel maken</source>
            <translation>Make suggestion</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Overnemen</source>
            <translation>Accept</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Er zijn geen panden om te groeperen.</source>
            <translation>There are no buildings to group.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>De clusters zijn intussen gewijzigd; maak het voorstel opnieuw.</source>
            <translation>The clusters have changed in the meantime; make the suggestion again.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>%n clusters voorgesteld.</source>
            <translation>
                <numerusform>%n cluster suggested.</numerusform>
                <numerusform>%n clusters suggested.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>1 kleinere groep weggelaten; </source>
            <translation>1 smaller group left out; </translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>%n kleinere groepen weggelaten; </source>
            <translation>
                <numerusform>%n smaller group left out; </numerusform>
                <numerusform>%n smaller groups left out; </numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>1 pand blijft zonder cluster.</source>
            <translation>1 building stays without a cluster.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>%1 panden blijven zonder cluster.</source>
            <translation>%1 buildings stay without a cluster.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Kleinste cluster: %1 panden, grootste: %2.</source>
            <translation>Smallest cluster: %1 buildings, largest: %2.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Op de kaart: de voorgestelde omtrekken (gestreept).</source>
            <translation>On the map: the suggested outlines (dashed).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" />
            <source>Voorstel mislukt: %1</source>
            <translation>Suggestion failed: %1</translation>
        </message>
    </context>
    <context>
        <name>TaskProgressDialog</name>
        <message>
            <location filename="../../gis_app/ui/tasks.py" />
            <source>Annuleren</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/tasks.py" />
            <source>Bezig met afbreken...</source>
            <translation>Cancelling...</translation>
        </message>
    </context>
    <context>
        <name>TeamActions</name>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Openen &amp;uit database...</source>
            <translation>Open from &amp;database...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Een gedeeld project openen uit de PostgreSQL-database</source>
            <translation>Open a shared project from the PostgreSQL database</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Opslaan in &amp;database...</source>
            <translation>Save to data&amp;base...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Het project (of de wijzigingen) opslaan in de gedeelde database</source>
            <translation>Save the project (or the changes) to the shared database</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>&amp;Geschiedenis...</source>
            <translation>&amp;History...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Wie wat wanneer aan het gekozen cluster veranderde (gedeeld project)</source>
            <translation>Who changed what in the chosen cluster, and when (shared project)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Wie wat wanneer aan het gekozen werkpakket veranderde (gedeeld project)</source>
            <translation>Who changed what in the chosen work package, and when (shared project)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Gedeeld: {name} ({target})</source>
            <translation>Shared: {name} ({target})</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>{name} geopend uit {target}</source>
            <translation>{name} opened from {target}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Openen uit database</source>
            <translation>Open from database</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>{name} wordt opgehaald uit {target}...</source>
            <translation>Fetching {name} from {target}...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Openen uit database mislukt</source>
            <translation>Opening from the database failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Openen uit database geannuleerd</source>
            <translation>Opening from the database cancelled</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <location filename="../../gis_app/ui/team/session.py" />
            <source>wijzigingen zoeken</source>
            <translation>finding changes</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>{n} wijzigingen van de kopie opgeslagen in {name}.</source>
            <translation>{n} changes of the copy saved to {name}.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <location filename="../../gis_app/ui/team/session.py" />
            <source>Opslaan in database</source>
            <translation>Save to database</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Wijzigingen van de kopie opslaan in {name}...</source>
            <translation>Saving the copy's changes to {name}...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>{name} opgeslagen in {target}</source>
            <translation>{name} saved to {target}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>{name} wordt opgeslagen in {target}...</source>
            <translation>Saving {name} to {target}...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <location filename="../../gis_app/ui/team/session.py" />
            <source>Opslaan in database mislukt</source>
            <translation>Saving to the database failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Opslaan in database geannuleerd; de database is niet gewijzigd.</source>
            <translation>Saving to the database cancelled; the database is unchanged.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Conflicten nog niet opgelost; bij de volgende keer opslaan opnieuw.</source>
            <translation>Conflicts not resolved yet; they come back at the next save.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Niet opgeslagen: geen rechten</source>
            <translation>Not saved: no permission</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>De database weigerde {n} wijzigingen: uw rol mag deze rijen niet wijzigen.</source>
            <translation>The database refused {n} changes: your role may not change these rows.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Uw versie blijft in het venster staan en wordt niet opnieuw verstuurd, tenzij u de rij nog eens wijzigt.</source>
            <translation>Your version stays in the window and is not sent again unless you change the row once more.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Versie uit de database terugzetten</source>
            <translation>Put back the database's version</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Mijn versie houden</source>
            <translation>Keep my version</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>{n} rijen teruggezet naar de versie in de database.</source>
            <translation>{n} rows put back to the version in the database.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Kies eerst een cluster.</source>
            <translation>Choose a cluster first.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Kies eerst een werkpakket.</source>
            <translation>Choose a work package first.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/actions.py" />
            <source>Geschiedenis ophalen mislukt</source>
            <translation>Fetching the history failed</translation>
        </message>
    </context>
    <context>
        <name>TeamSession</name>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>cluster {key}</source>
            <translation>cluster {key}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>werkpakket {key}</source>
            <translation>work package {key}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>instelling {key}</source>
            <translation>setting {key}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>scenario {n}</source>
            <translation>scenario {n}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>toezeggingen</source>
            <translation>commitments</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>vorm</source>
            <translation>shape</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>naam</source>
            <translation>name</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>kleur</source>
            <translation>colour</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>vaste start</source>
            <translation>fixed start</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>vaste plaats</source>
            <translation>fixed position</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>aannemer</source>
            <translation>contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>begin</source>
            <translation>start</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>einde</source>
            <translation>end</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>waarde</source>
            <translation>value</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>Wijzigingen opslaan in {project}...</source>
            <translation>Saving changes to {project}...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>{n} eerder geweigerde wijzigingen niet opnieuw verstuurd ({rows}); zet de versie uit de database terug of wijzig ze opnieuw.</source>
            <translation>{n} previously refused changes not sent again ({rows}); put back the database's version or change them again.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>Geen wijzigingen om op te slaan.</source>
            <translation>No changes to save.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>Opslaan geannuleerd; niets is opgeslagen.</source>
            <translation>Save cancelled; nothing was saved.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>Geweigerde wijzigingen teruggezet</source>
            <translation>Refused changes put back</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>{n} wijzigingen opgeslagen in de database.</source>
            <translation>{n} changes saved to the database.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>de database</source>
            <translation>the database</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>Versie uit de database overgenomen</source>
            <translation>Version taken from the database</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>Het project is uit de database verwijderd.</source>
            <translation>The project was removed from the database.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>{who} heeft {row} gewijzigd; uw bewerking blijft staan. Bij opslaan kiest u welke versie blijft.</source>
            <translation>{who} changed {row}; your edit stays. When you save, you choose which version stays.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>iemand</source>
            <translation>someone</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>Wijziging van {who}</source>
            <translation>Change by {who}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>{who} heeft {rows} gewijzigd.</source>
            <translation>{who} changed {rows}.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/team/session.py" />
            <source>Wijzigingen van anderen komen niet meer binnen: {reason}</source>
            <translation>Changes by others no longer arrive: {reason}</translation>
        </message>
    </context>
    <context>
        <name>TimelineView</name>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>Zoek cluster (naam of id)</source>
            <translation>Search cluster (name or id)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>Gemeente van de meeste panden van de cluster</source>
            <translation>Municipality of most of the cluster's buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>Risicoprofiel van de cluster</source>
            <translation>Risk profile of the cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>Alle profielen</source>
            <translation>All profiles</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>vooral {0}</source>
            <translation>mostly {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>met verhoogde panden</source>
            <translation>with verhoogd buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>Aannemer in de planning</source>
            <translation>Contractor in the plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>Tijdas inzoomen (Ctrl+muiswiel, +)</source>
            <translation>Zoom in on the time axis (Ctrl+mouse wheel, +)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>Tijdas uitzoomen (Ctrl+muiswiel, −)</source>
            <translation>Zoom out on the time axis (Ctrl+mouse wheel, −)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>Hele periode</source>
            <translation>Whole period</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>Naar selectie</source>
            <translation>To selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>Scroll naar de geselecteerde cluster</source>
            <translation>Scroll to the selected cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>Alle gemeenten</source>
            <translation>All municipalities</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>Alle aannemers</source>
            <translation>All contractors</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>lichte band: voorbereiding</source>
            <translation>light band: preparation</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>arcering: deel maatwerk</source>
            <translation>hatching: bespoke part</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>startdatum plan</source>
            <translation>plan start date</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>geselecteerd</source>
            <translation>selected</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>{name}
voorbereiding vanaf {prep}
bouw {start} – gereed {end}
{n} panden: {v} verhoogd, {l} licht verhoogd, {o} normaal
maatwerk: {b} panden</source>
            <translation>{name}
preparation from {prep}
construction {start} – done {end}
{n} buildings: {v} verhoogd, {l} licht verhoogd, {o} normaal
bespoke: {b} buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>1 cluster in de planning</source>
            <translation>1 cluster in the plan</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>%n clusters in de planning</source>
            <translation>
                <numerusform>%n cluster in the plan</numerusform>
                <numerusform>%n clusters in the plan</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" />
            <source>%1 van %2 clusters</source>
            <translation>%1 of %2 clusters</translation>
        </message>
    </context>
    <context>
        <name>VectorStyleDialog</name>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Stijl van {layer}</source>
            <translation>Style of {layer}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Vulling</source>
            <translation>Fill</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Omtrek</source>
            <translation>Outline</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source> px</source>
            <translation> px</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Dekking vulling:</source>
            <translation>Fill opacity:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" />
            <source>Lijndikte:</source>
            <translation>Line width:</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>Panden (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;Alle bestanden (*)</source>
            <translation>Buildings (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>Risicotabel (*.csv *.xlsx);;Alle bestanden (*)</source>
            <translation>Risk table (*.csv *.xlsx);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>&lt;h2&gt;Welkom bij gis_app&lt;/h2&gt;</source>
            <translation>&lt;h2&gt;Welcome to gis_app&lt;/h2&gt;</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>Panden en risico op de kaart, clusters van buren, snelheid tegen maatwerk en werkpakketten voor aannemers. Het voorbeeldgebied laat een complete planning zien.</source>
            <translation>Buildings and risk on the map, clusters of neighbours, speed against bespoke solutions and work packages for contractors. The sample area shows a complete plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>&amp;Voorbeeldgebied openen</source>
            <translation>Open the &amp;sample area</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>15.000 panden met voorgestelde clusters, een planning met 40 bouwstarts per week, werkpakketten en een opgeslagen scenario</source>
            <translation>15,000 buildings with suggested clusters, a plan with 40 construction starts per week, work packages and a saved scenario</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>&amp;Project openen...</source>
            <translation>Open a &amp;project...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>BAG en risicogegevens &amp;importeren...</source>
            <translation>&amp;Import BAG and risk data...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>Pandcontouren (BAG) kiezen en daarna de risicotabel (CSV of Excel)</source>
            <translation>Choose the building footprints (BAG), then the risk table (CSV or Excel)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>&amp;Handleiding lezen</source>
            <translation>Read the user &amp;guide</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>&amp;Recente projecten:</source>
            <translation>&amp;Recent projects:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>(nog geen)</source>
            <translation>(none yet)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>Het voorbeeldgebied ontbreekt: {path}</source>
            <translation>The sample area is missing: {path}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>Voorbeeldgebied</source>
            <translation>Sample area</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>Voorbeeldproject maken...</source>
            <translation>Making the sample project...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>BAG-pandcontouren kiezen</source>
            <translation>Choose BAG building footprints</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>Risicotabel kiezen (Annuleren: zonder risicotabel)</source>
            <translation>Choose risk table (Cancel: without a risk table)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>Gebied importeren</source>
            <translation>Import area</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>Welk deel van het bestand? Leeg: alles.
Een rechthoek in RD (xmin,ymin,xmax,ymax), gemeentecodes (0003,0010) of een vlakbestand (.gpkg, .shp, .geojson).</source>
            <translation>Which part of the file? Empty: everything.
A rectangle in RD (xmin,ymin,xmax,ymax), municipality codes (0003,0010) or a polygon file (.gpkg, .shp, .geojson).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>Gebied niet herkend</source>
            <translation>Area not recognised</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>Importeren</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" />
            <source>{name} wordt ingelezen...</source>
            <translation>Reading {name}...</translation>
        </message>
    </context>
    <context>
        <name>_PolylineTool</name>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/tools.py" />
            <source>Te weinig punten: minstens %n nodig.</source>
            <translation>
                <numerusform>Too few points: at least %n needed.</numerusform>
                <numerusform>Too few points: at least %n needed.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>dialogs</name>
        <message>
            <location filename="../../gis_app/ui/dialogs.py" />
            <source>Er ging iets onverwachts mis ({kind}). Uw werk staat nog open: sla het project op, eventueel onder een andere naam.</source>
            <translation>Something unexpected went wrong ({kind}). Your work is still open: save the project, under another name if you like.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/dialogs.py" />
            <source>Fout</source>
            <translation>Error</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/dialogs.py" />
            <source>Onverwachte fout</source>
            <translation>Unexpected error</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/dialogs.py" />
            <source>De details staan in het logbestand:
{path}</source>
            <translation>The details are in the log file:
{path}</translation>
        </message>
    </context>
</TS>
