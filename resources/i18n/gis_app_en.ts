<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="nl_NL">
    <context>
        <name>AttributeTable</name>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" line="457" />
            <source>Kolom waarin gezocht wordt</source>
            <extracomment>Sort keys for columns whose natural order is not alphabetical. Columns whose cells show a name looked up from the id they hold.</extracomment>
            <translation>Column to search in</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" line="459" />
            <source>Filter (tekst in de gekozen kolom)...</source>
            <translation>Filter (text in the chosen column)...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" line="466" />
            <source>Alleen selectie tonen</source>
            <translation>Show selection only</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" line="467" />
            <source>Zoom naar selectie</source>
            <translation>Zoom to selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" line="468" />
            <source>Selectie opheffen</source>
            <translation>Clear selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" line="475" />
            <source>Filter:</source>
            <translation>Filter:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" line="565" />
            <source>Alle kolommen</source>
            <translation>All columns</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" line="603" />
            <source>{total} panden</source>
            <translation>{total} buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" line="605" />
            <source>{shown} van {total} panden</source>
            <translation>{shown} of {total} buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/attribute_table.py" line="609" />
            <source>, {n} geselecteerd</source>
            <translation>, {n} selected</translation>
        </message>
    </context>
    <context>
        <name>Autosave</name>
        <message>
            <location filename="../../gis_app/ui/autosave.py" line="193" />
            <source>Automatisch opslaan mislukt: {reason}</source>
            <translation>Autosave failed: {reason}</translation>
        </message>
    </context>
    <context>
        <name>CapacityEditor</name>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="197" />
            <source>Totaal</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="198" />
            <source>Per aannemer</source>
            <translation>Per contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="203" />
            <source>Capaciteit:</source>
            <translation>Capacity:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="214" />
            <source>Bouwstarts per week vanaf de startdatum:</source>
            <translation>Construction starts per week from the start date:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="220" />
            <source>Standaard 40: NCG meldde 1.962 bouwstarts in 2025 (ca. 38 per week).</source>
            <translation>Default 40: NCG reported 1,962 construction starts in 2025 (about 38 per week).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="225" />
            <source>Wijzigingen in de tijd:</source>
            <translation>Changes over time:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="236" />
            <source>aannemer</source>
            <translation>contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="236" />
            <source>bouwstarts per week</source>
            <translation>construction starts per week</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="248" />
            <source>Aannemer toevoegen</source>
            <translation>Add contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="249" />
            <source>Verwijderen</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="254" />
            <source>Wijzigingen in de tijd voor de gekozen aannemer:</source>
            <translation>Changes over time for the chosen contractor:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="346" />
            <source>Wijzigingen in de tijd voor {0}:</source>
            <translation>Changes over time for {0}:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="363" />
            <source>Aannemer {0}</source>
            <translation>Contractor {0}</translation>
        </message>
    </context>
    <context>
        <name>ClusterActions</name>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="69" />
            <source>Teken cluster</source>
            <translation>Draw cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="72" />
            <source>Klik hoekpunten, dubbelklik of Enter om af te ronden; Backspace haalt het laatste punt weg, Esc annuleert</source>
            <translation>Click vertices, double-click or Enter to finish; Backspace removes the last point, Esc cancels</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="76" />
            <source>Lasso cluster</source>
            <translation>Lasso cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="77" />
            <source>Sleep een vrije omtrek om een cluster te tekenen</source>
            <translation>Drag a freehand outline to draw a cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="78" />
            <source>Bewerk</source>
            <translation>Edit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="81" />
            <source>Klik een cluster; sleep een hoekpunt om het te verplaatsen, sleep een zijde om een hoekpunt toe te voegen, dubbelklik een hoekpunt om het te verwijderen, sleep binnen de cluster om hem te verplaatsen</source>
            <translation>Click a cluster; drag a vertex to move it, drag an edge to add a vertex, double-click a vertex to delete it, drag inside the cluster to move it</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="86" />
            <source>Splits</source>
            <translation>Split</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="87" />
            <source>Teken een lijn door een cluster om hem te splitsen</source>
            <translation>Draw a line through a cluster to split it</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="88" />
            <source>Snappen aan panden</source>
            <translation>Snap to buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="91" />
            <source>Nieuwe hoekpunten springen naar de dichtstbijzijnde pandhoek</source>
            <translation>New vertices snap to the nearest building corner</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="95" />
            <location filename="../../gis_app/ui/clusters/panel.py" line="715" />
            <source>Samenvoegen</source>
            <translation>Merge</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="97" />
            <location filename="../../gis_app/ui/clusters/commands.py" line="78" />
            <source>Cluster uit selectie</source>
            <translation>Cluster from selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="99" />
            <location filename="../../gis_app/ui/clusters/commands.py" line="121" />
            <source>Cluster verwijderen</source>
            <translation>Delete cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="130" />
            <source>Voorstel clusters...</source>
            <translation>Suggest clusters...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="132" />
            <source>Importeer clusters...</source>
            <translation>Import clusters...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="134" />
            <source>Exporteer clusters...</source>
            <translation>Export clusters...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="112" />
            <source>Omtrek met lichte vulling onder de panden</source>
            <translation>Outline with light fill below the buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="116" />
            <source>Alleen omtrek</source>
            <translation>Outline only</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="119" />
            <source>Doorzichtige vulling over de panden</source>
            <translation>Transparent fill over the buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="174" />
            <location filename="../../gis_app/ui/clusters/actions.py" line="197" />
            <source>Clusters</source>
            <translation>Clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="191" />
            <source>Weergave op de kaart</source>
            <translation>Display on the map</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="236" />
            <source>Selecteer minstens twee clusters om samen te voegen.</source>
            <translation>Select at least two clusters to merge.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="248" />
            <source>Selecteer eerst panden.</source>
            <translation>Select buildings first.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="305" />
            <source>Clusters importeren</source>
            <translation>Import clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="307" />
            <source>Clusters (*.gpkg *.geojson *.json)</source>
            <translation>Clusters (*.gpkg *.geojson *.json)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="314" />
            <source>Clusters importeren mislukt</source>
            <translation>Importing clusters failed</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/actions.py" line="317" />
            <source>%n clusters geïmporteerd</source>
            <translation>
                <numerusform>%n cluster imported</numerusform>
                <numerusform>%n clusters imported</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="326" />
            <source>Clusters exporteren</source>
            <translation>Export clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="328" />
            <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson)</source>
            <translation>GeoPackage (*.gpkg);;GeoJSON (*.geojson)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="334" />
            <source>de clusterexport</source>
            <translation>the cluster export</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="341" />
            <source>Clusters exporteren mislukt</source>
            <translation>Exporting clusters failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/actions.py" line="344" />
            <source>Clusters geëxporteerd naar %1</source>
            <translation>Clusters exported to %1</translation>
        </message>
    </context>
    <context>
        <name>ClusterCommands</name>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="58" />
            <source>Cluster tekenen</source>
            <translation>Draw cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="86" />
            <source>Cluster bewerken</source>
            <translation>Edit cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="93" />
            <source>Cluster splitsen</source>
            <translation>Split cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="101" />
            <source>Clusters samenvoegen</source>
            <translation>Merge clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="109" />
            <source>Cluster hernoemen</source>
            <translation>Rename cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="115" />
            <source>Clusterkleur wijzigen</source>
            <translation>Change cluster colour</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="121" />
            <source>Clusters verwijderen</source>
            <translation>Delete clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="131" />
            <source>Voorrang van cluster wijzigen</source>
            <translation>Change cluster priority</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="142" />
            <source>Voorgestelde clusters overnemen</source>
            <translation>Accept suggested clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="156" />
            <source>Clusters importeren</source>
            <translation>Import clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="176" />
            <source>Let op: cluster %1 bevat geen panden (er ligt geen pandpunt binnen de omtrek).</source>
            <translation>Note: cluster %1 contains no buildings (no building point lies within its outline).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="179" />
            <source>Cluster %1: 1 pand</source>
            <translation>Cluster %1: 1 building</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/commands.py" line="179" />
            <source>Cluster %1: %n panden</source>
            <translation>
                <numerusform>Cluster %1: %n building</numerusform>
                <numerusform>Cluster %1: %n buildings</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="183" />
            <source>%1 van %2</source>
            <translation>%1 of %2</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/commands.py" line="188" />
            <source>%n andere clusters</source>
            <translation>
                <numerusform>%n other cluster</numerusform>
                <numerusform>%n other clusters</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="189" />
            <source>overgenomen: %1</source>
            <translation>taken over: %1</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="190" />
            <source>(Ctrl+Z maakt ongedaan)</source>
            <translation>(Ctrl+Z undoes)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="201" />
            <source>Voorrang van clusters wijzigen</source>
            <translation>Change cluster priorities</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/commands.py" line="213" />
            <source>Clusters op rang zetten</source>
            <translation>Set clusters to rank order</translation>
        </message>
    </context>
    <context>
        <name>ClusterPanel</name>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="700" />
            <source>Hernoemen...</source>
            <translation>Rename...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="701" />
            <source>Kleur wijzigen...</source>
            <translation>Change colour...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="702" />
            <source>Panden selecteren</source>
            <translation>Select buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="703" />
            <source>Zoom naar cluster</source>
            <translation>Zoom to cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="705" />
            <location filename="../../gis_app/ui/clusters/panel.py" line="399" />
            <source>Naar begin (hoogste voorrang)</source>
            <translation>To top (highest priority)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="707" />
            <location filename="../../gis_app/ui/clusters/panel.py" line="403" />
            <source>Naar eind (laagste voorrang)</source>
            <translation>To bottom (lowest priority)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="710" />
            <source>Eén plaats hoger</source>
            <translation>One place up</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="711" />
            <source>Eén plaats lager</source>
            <translation>One place down</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="712" />
            <source>Voorrang op rang zetten (alle clusters)</source>
            <translation>Set priority to rank (all clusters)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="720" />
            <location filename="../../gis_app/ui/clusters/panel.py" line="395" />
            <source>Verwijderen</source>
            <translation>Delete</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/panel.py" line="720" />
            <source>%n clusters verwijderen</source>
            <translation>
                <numerusform>Delete %n cluster</numerusform>
                <numerusform>Delete %n clusters</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="320" />
            <source>Selecteer de panden die in geen cluster liggen</source>
            <translation>Select the buildings that lie in no cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="326" />
            <source>Panden waarvan het representatieve punt in meer dan één cluster ligt. Zo'n pand telt alleen mee voor de cluster met de hoogste voorrang. Sleep een cluster hoger in de lijst om hem voorrang te geven.</source>
            <translation>Buildings whose representative point lies in more than one cluster. Such a building counts only for the cluster with the highest priority. Drag a cluster higher in the list to give it priority.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="332" />
            <source>Op voorrang</source>
            <translation>By priority</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="334" />
            <source>Toon de clusters in volgorde van voorrang; dan kunt u rijen slepen</source>
            <translation>Show the clusters in order of priority; you can then drag rows</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="337" />
            <source>Naar begin</source>
            <translation>To top</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="339" />
            <source>Geef de geselecteerde clusters de hoogste voorrang (Ctrl+Home)</source>
            <translation>Give the selected clusters the highest priority (Ctrl+Home)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="342" />
            <source>Naar eind</source>
            <translation>To bottom</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="344" />
            <source>Geef de geselecteerde clusters de laagste voorrang (Ctrl+End)</source>
            <translation>Give the selected clusters the lowest priority (Ctrl+End)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="350" />
            <source>Een pand hoort bij de cluster waarin zijn representatieve punt ligt. Bij overlap houdt de cluster met de hoogste voorrang zijn panden; een cluster die u tekent of uit een selectie maakt, krijgt voorrang 1 en neemt de panden binnen zijn omtrek over. Voorrang is niet de planvolgorde.</source>
            <translation>A building belongs to the cluster its representative point lies in. Where clusters overlap, the cluster with the highest priority keeps its buildings; a cluster you draw or make from a selection gets priority 1 and takes over the buildings within its outline. Priority is not the plan order.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/panel.py" line="498" />
            <source>Zonder cluster (%n)</source>
            <translation>
                <numerusform>Without cluster (%n)</numerusform>
                <numerusform>Without cluster (%n)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/panel.py" line="499" />
            <source>Overlap (%n)</source>
            <translation>
                <numerusform>Overlap (%n)</numerusform>
                <numerusform>Overlap (%n)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="504" />
            <source>%1 clusters, %2 van %3 panden in een cluster</source>
            <translation>%1 clusters, %2 of %3 buildings in a cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="526" />
            <source>Let op: 1 cluster zonder panden: %1</source>
            <translation>Note: 1 cluster without buildings: %1</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/panel.py" line="528" />
            <source>Let op: %n clusters zonder panden: %1</source>
            <translation>
                <numerusform>Note: %n cluster without buildings: %1</numerusform>
                <numerusform>Note: %n clusters without buildings: %1</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="535" />
            <source>Let op: na deze bewerking bevat %1 geen panden.</source>
            <translation>Note: after this edit %1 contains no buildings.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="616" />
            <source>Clusterkleur</source>
            <translation>Cluster colour</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="630" />
            <source>Cluster %1 verwijderd</source>
            <translation>Cluster %1 deleted</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/panel.py" line="632" />
            <source>%n clusters verwijderd</source>
            <translation>
                <numerusform>%n cluster deleted</numerusform>
                <numerusform>%n clusters deleted</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="633" />
            <source>(Ctrl+Z maakt ongedaan)</source>
            <translation>(Ctrl+Z undoes)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="733" />
            <source>Cluster hernoemen</source>
            <translation>Rename cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="733" />
            <source>Nieuwe naam:</source>
            <translation>New name:</translation>
        </message>
    </context>
    <context>
        <name>ClusterShareControl</name>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="117" />
            <source>eigen aandeel maatwerk voor dit cluster</source>
            <translation>own bespoke share for this cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="120" />
            <source>Uit: het cluster volgt de globale schuif. Aan: dit cluster krijgt zijn eigen aandeel.</source>
            <translation>Off: the cluster follows the global slider. On: this cluster gets its own share.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="155" />
            <source>Geen cluster geselecteerd (kies er een op de kaart, in de clusterlijst of de tijdlijn).</source>
            <translation>No cluster selected (choose one on the map, in the cluster list or in the timeline).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="168" />
            <source>Cluster: {0}</source>
            <translation>Cluster: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="170" />
            <source>{0} clusters geselecteerd</source>
            <translation>{0} clusters selected</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="187" />
            <source>Niet in het plan (geen panden met werk).</source>
            <translation>Not in the plan (no buildings with work).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="196" />
            <source>maatwerk {0} van {1} panden met werk ({2} in cluster) · plaats {3} in de planvolgorde · {4} – {5}</source>
            <translation>bespoke {0} of {1} buildings with work ({2} in cluster) · place {3} in the plan order · {4} – {5}</translation>
        </message>
    </context>
    <context>
        <name>ClusterTableModel</name>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="100" />
            <source>Voorrang</source>
            <translation>Priority</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="101" />
            <source>Naam</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="102" />
            <source>Plaats in planning</source>
            <translation>Place in plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="103" />
            <source>Rang</source>
            <translation>Rank</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="104" />
            <source>Panden</source>
            <translation>Buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="105" />
            <source>Adressen</source>
            <translation>Addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="106" />
            <source>Bewoners</source>
            <translation>Residents</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="109" />
            <source>Verhoogd</source>
            <translation>Verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="110" />
            <source>Licht verhoogd</source>
            <translation>Licht verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="111" />
            <source>Normaal</source>
            <translation>Normaal</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="112" />
            <source>Onbekend</source>
            <translation>Unknown</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="115" />
            <source>Som LPR</source>
            <translation>Sum LPR</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="115" />
            <source>Maatregelen</source>
            <translation>Measures</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="117" />
            <source>Cluster-id</source>
            <translation>Cluster id</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="75" />
            <source>geen</source>
            <translation>none</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="76" />
            <source>licht</source>
            <translation>light</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="77" />
            <source>zwaar</source>
            <translation>heavy</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="78" />
            <source>sloop-nieuwbouw</source>
            <translation>demolish and rebuild</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="157" />
            <source>Voorrang bij overlap: waar clusters overlappen, houdt de cluster met de hoogste voorrang (1) de panden. Sleep rijen om dit te wijzigen. Dit is niet de volgorde van de planning.</source>
            <translation>Priority on overlap: where clusters overlap, the cluster with the highest priority (1) keeps the buildings. Drag rows to change this. This is not the order of the plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="162" />
            <source>Plaats van de cluster in de huidige planning (Planning-paneel)</source>
            <translation>Place of the cluster in the current plan (Planning panel)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/panel.py" line="269" />
            <source>Deze cluster bevat geen panden.</source>
            <translation>This cluster contains no buildings.</translation>
        </message>
    </context>
    <context>
        <name>ColorButton</name>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="91" />
            <source>geen</source>
            <translation>none</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="95" />
            <source>Kleur kiezen</source>
            <translation>Choose colour</translation>
        </message>
    </context>
    <context>
        <name>ContractorDialog</name>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="285" />
            <source>Aannemer en periode</source>
            <translation>Contractor and period</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="288" />
            <source>(nog toe te wijzen)</source>
            <translation>(to be assigned)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="296" />
            <source>geen bouwstarts</source>
            <translation>no construction starts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="299" />
            <source>De periode volgt uit de planning: eerste bouwstart tot laatste oplevering van de panden in het pakket. Verschuif panden of pas de planning aan om haar te veranderen.</source>
            <translation>The period follows from the plan: first construction start to last completion of the buildings in the package. Move buildings or adjust the plan to change it.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="308" />
            <source>Werkpakket</source>
            <translation>Work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="309" />
            <source>Aannemer</source>
            <translation>Contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="310" />
            <source>Periode</source>
            <translation>Period</translation>
        </message>
    </context>
    <context>
        <name>CoreTexts</name>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="16" />
            <source>verhoogd</source>
            <translation>verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="17" />
            <source>licht verhoogd</source>
            <translation>licht verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="18" />
            <source>normaal</source>
            <translation>normaal</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="19" />
            <source>onbekend</source>
            <translation>unknown</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="20" />
            <source>nog niet in lokaal plan</source>
            <translation>not yet in local plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="21" />
            <source>in lokaal plan</source>
            <translation>in local plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="22" />
            <source>opname gedaan</source>
            <translation>opname done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="23" />
            <source>beoordeling gedaan</source>
            <translation>assessment done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="24" />
            <source>normbesluit genomen</source>
            <translation>normbesluit taken</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="25" />
            <source>versterkingsbesluit genomen</source>
            <translation>versterkingsbesluit taken</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="26" />
            <source>bouw gestart</source>
            <translation>construction started</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="27" />
            <source>bouw gereed</source>
            <translation>construction completed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="28" />
            <source>versterkingstraject afgerond</source>
            <translation>reinforcement completed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="29" />
            <source>geen maatregel</source>
            <translation>no measure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="30" />
            <source>lichte versterking</source>
            <translation>light reinforcement</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="31" />
            <source>zware versterking</source>
            <translation>heavy reinforcement</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="32" />
            <source>sloop-nieuwbouw</source>
            <translation>demolish and rebuild</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="33" />
            <source>standaardvolgorde</source>
            <translation>default order</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="34" />
            <source>geoptimaliseerd</source>
            <translation>optimised</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="35" />
            <source>BAG-id</source>
            <translation>BAG id</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="36" />
            <source>Risicoprofiel</source>
            <translation>Risk profile</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="37" />
            <source>Herkomst profiel</source>
            <translation>Profile source</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="38" />
            <source>LPR (per jaar)</source>
            <translation>LPR (per year)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="39" />
            <source>Typologie</source>
            <translation>Typology</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="40" />
            <source>BAG-status</source>
            <translation>BAG status</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="41" />
            <source>Mijlpaal</source>
            <translation>Milestone</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="42" />
            <source>Maatregel (beoordeeld)</source>
            <translation>Measure (assessed)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="43" />
            <source>Verwachte maatregel</source>
            <translation>Expected measure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="44" />
            <source>Adressen</source>
            <translation>Addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="45" />
            <source>Bewoners</source>
            <translation>Residents</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="46" />
            <source>Adres</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="47" />
            <source>Postcode</source>
            <translation>Postcode</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="48" />
            <source>Woonplaats</source>
            <translation>Town</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="49" />
            <source>Eigen regie</source>
            <translation>Eigen regie</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="50" />
            <source>Cluster</source>
            <translation>Cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="51" />
            <source>Werkpakket</source>
            <translation>Work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="52" />
            <source>Gereed in (plan)</source>
            <translation>Done in (plan)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="53" />
            <source>Aanpak (plan)</source>
            <translation>Approach (plan)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="54" />
            <source>Soort pand</source>
            <translation>Building type</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="55" />
            <source>Bouwjaar</source>
            <translation>Year built</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="56" />
            <source>Gebruiksdoel</source>
            <translation>Use</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="57" />
            <source>Notitie veldwerk</source>
            <translation>Field note</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="58" />
            <source>nog niet beoordeeld</source>
            <translation>not assessed yet</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="59" />
            <source>standaard</source>
            <translation>standard</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="60" />
            <source>maatwerk</source>
            <translation>bespoke</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="61" />
            <source>geen werk</source>
            <translation>no work</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="62" />
            <source>rijwoning</source>
            <translation>terraced house</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="63" />
            <source>twee-onder-een-kap</source>
            <translation>semi-detached</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="64" />
            <source>vrijstaand</source>
            <translation>detached</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="65" />
            <source>appartementengebouw</source>
            <translation>apartment building</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="66" />
            <source>boerderij</source>
            <translation>farmhouse</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="67" />
            <source>schuur</source>
            <translation>barn</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="68" />
            <source>groot gebouw</source>
            <translation>large building</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="69" />
            <source>ja</source>
            <translation>yes</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="70" />
            <source>nee</source>
            <translation>no</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="71" />
            <source>bron</source>
            <translation>source data</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="72" />
            <source>afgeleid uit LPR</source>
            <translation>derived from LPR</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="73" />
            <source>risicoblootstelling</source>
            <translation>risk exposure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="74" />
            <source>verwachte slachtoffer-jaren</source>
            <translation>expected fatality-years</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="75" />
            <source>alle verhoogd gereed</source>
            <translation>all verhoogd done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="76" />
            <source>datum</source>
            <translation>date</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="77" />
            <source>alle licht verhoogd gereed</source>
            <translation>all licht verhoogd done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="78" />
            <source>alles gereed</source>
            <translation>all done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="79" />
            <source>panden maatwerk</source>
            <translation>bespoke buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="80" />
            <source>panden</source>
            <translation>buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="81" />
            <source>aandeel maatwerk</source>
            <translation>bespoke share</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="82" />
            <source>%</source>
            <translation>%</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="83" />
            <source>moeilijk uitlegbare buren</source>
            <translation>hard-to-explain neighbours</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="84" />
            <source>paren</source>
            <translation>pairs</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="85" />
            <source>mediane wachttijd verhoogd</source>
            <translation>median wait verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="86" />
            <source>jaar</source>
            <translation>years</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="87" />
            <source>mediane wachttijd licht verhoogd</source>
            <translation>median wait licht verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="88" />
            <source>mediane wachttijd normaal</source>
            <translation>median wait normaal</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="89" />
            <source>kosten</source>
            <translation>cost</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="90" />
            <source>€</source>
            <translation>€</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="91" />
            <source>50% verhoogd veilig</source>
            <translation>50% of verhoogd safe</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="92" />
            <source>90% verhoogd veilig</source>
            <translation>90% of verhoogd safe</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="93" />
            <source>alle verhoogd veilig</source>
            <translation>all verhoogd safe</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="94" />
            <source>50% licht verhoogd veilig</source>
            <translation>50% of licht verhoogd safe</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="95" />
            <source>90% licht verhoogd veilig</source>
            <translation>90% of licht verhoogd safe</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="96" />
            <source>alle licht verhoogd veilig</source>
            <translation>all licht verhoogd safe</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="97" />
            <source>panden na uiterlijk gereed</source>
            <translation>buildings after their deadline</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="98" />
            <source>toezeggingen gebroken</source>
            <translation>commitments broken</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="99" />
            <source>adressen</source>
            <translation>addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="100" />
            <source>boven de ondergrens</source>
            <translation>above the lower bound</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="101" />
            <source>panden in het plan</source>
            <translation>buildings in the plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="102" />
            <source>panden met werk</source>
            <translation>buildings with work</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="103" />
            <source>panden zonder werk</source>
            <translation>buildings without work</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="104" />
            <source>al gereed (met maatregel)</source>
            <translation>already done (with measure)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="105" />
            <source>in uitvoering (bouw gestart)</source>
            <translation>under construction (started)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="106" />
            <source>panden standaard</source>
            <translation>standard buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="107" />
            <source>clusters</source>
            <translation>clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="108" />
            <source>panden zonder cluster</source>
            <translation>buildings without cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="109" />
            <source>panden zonder cluster, niet gepland</source>
            <translation>buildings without cluster, not planned</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="110" />
            <source>verwijzingen naar onbekend cluster</source>
            <translation>references to an unknown cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="111" />
            <source>burenparen met werk</source>
            <translation>neighbour pairs with work</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="112" />
            <source>burenparen met andere maatregel</source>
            <translation>neighbour pairs with a different measure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="113" />
            <source>buren met andere aanpak</source>
            <translation>neighbours with a different approach</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="114" />
            <source>buren ver uit elkaar gereed</source>
            <translation>neighbours done far apart</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="115" />
            <source>piek bouwstarts</source>
            <translation>peak construction starts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="116" />
            <source>starts per week</source>
            <translation>starts per week</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="117" />
            <source>benutting capaciteit</source>
            <translation>capacity use</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="118" />
            <source>laatste bouwstart</source>
            <translation>last construction start</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="119" />
            <source>capaciteit</source>
            <translation>capacity</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="120" />
            <source>bouwstarts per week</source>
            <translation>construction starts per week</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="121" />
            <source>volgorde clusters</source>
            <translation>cluster order</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="122" />
            <source>keuze</source>
            <translation>choice</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="123" />
            <source>aandeel maatwerk (schuif)</source>
            <translation>bespoke share (slider)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="124" />
            <source>% van panden met keuze</source>
            <translation>% of buildings with a choice</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="125" />
            <source>clusters met eigen aandeel</source>
            <translation>clusters with own share</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="126" />
            <source>startdatum</source>
            <translation>start date</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="127" />
            <source>dreigingsfactor</source>
            <translation>threat factor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="128" />
            <source>× LPR</source>
            <translation>× LPR</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="129" />
            <source>lichtere maatregel onder de norm</source>
            <translation>lighter measure below the norm</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="130" />
            <source>Buren zoeken</source>
            <translation>Finding neighbours</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="131" />
            <source>Groepen vormen</source>
            <translation>Forming groups</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="132" />
            <source>Grote groepen splitsen</source>
            <translation>Splitting large groups</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="133" />
            <source>Clusters rangschikken</source>
            <translation>Ranking clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="134" />
            <source>Clustervlakken maken</source>
            <translation>Making cluster outlines</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="135" />
            <source>Afronden</source>
            <translation>Finishing</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="136" />
            <source>Klaar</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/core_texts.py" line="137" />
            <source>Kleine groepen samenvoegen</source>
            <translation>Merging small groups</translation>
        </message>
    </context>
    <context>
        <name>DashboardView</name>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="48" />
            <source>niet in lokaal plan</source>
            <extracomment>Shorter milestone labels for the bar chart's axis (the table shows the full ones).</extracomment>
            <translation>not in local plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="49" />
            <source>normbesluit</source>
            <translation>normbesluit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="50" />
            <source>versterkingsbesluit</source>
            <translation>versterkingsbesluit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="51" />
            <source>traject afgerond</source>
            <translation>completed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="72" />
            <source>Hele gebied</source>
            <translation>Whole area</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="73" />
            <source>Geselecteerde clusters</source>
            <translation>Selected clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="74" />
            <source>Per cluster</source>
            <translation>Per cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="76" />
            <source>panden</source>
            <translation>buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="77" />
            <source>adressen</source>
            <translation>addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="78" />
            <source>bereikt (cumulatief)</source>
            <translation>reached (cumulative)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="81" />
            <source>Aan: aantal dat deze mijlpaal heeft bereikt of verder is. Uit: aantal dat nu in deze fase zit.</source>
            <translation>On: number that has reached this milestone or gone beyond. Off: number now in this phase.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="105" />
            <source>aantal</source>
            <translation>count</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="190" />
            <source>{0} per cluster en mijlpaal</source>
            <translation>{0} per cluster and milestone</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="206" />
            <source>{0} in {1}</source>
            <translation>{0} in {1}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="210" />
            <source>Geen cluster geselecteerd.</source>
            <translation>No cluster selected.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="214" />
            <source>{0} per mijlpaal en risicoprofiel, hele gebied ({1} panden)</source>
            <translation>{0} per milestone and risk profile, whole area ({1} buildings)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="224" />
            <source>Het plan telt als al gereed de panden met een maatregel waarvan de bouw gereed of het traject afgerond is: {0}</source>
            <translation>The plan counts as already done the buildings with a measure whose construction is complete or whose process is finished: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="234" />
            <source>mijlpaal</source>
            <translation>milestone</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="236" />
            <location filename="../../gis_app/ui/planning/dashboard.py" line="252" />
            <location filename="../../gis_app/ui/planning/dashboard.py" line="265" />
            <source>totaal</source>
            <translation>total</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/dashboard.py" line="263" />
            <source>cluster</source>
            <translation>cluster</translation>
        </message>
    </context>
    <context>
        <name>DurationsEditor</name>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="388" />
            <location filename="../../gis_app/ui/planning/editors.py" line="395" />
            <source>maatregel</source>
            <translation>measure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="389" />
            <source>aanpak</source>
            <translation>approach</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="390" />
            <source>voorber.
(weken)</source>
            <translation>prep.
(weeks)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="391" />
            <source>uitvoer.
(weken)</source>
            <translation>constr.
(weeks)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="392" />
            <source>kosten
(€/adres)</source>
            <translation>cost
(€/address)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="396" />
            <source>standaard of maatwerk</source>
            <translation>standard or bespoke</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="397" />
            <source>voorbereiding: van start plan tot start bouw, in weken</source>
            <translation>preparation: from plan start to construction start, in weeks</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="400" />
            <source>uitvoering: duur van de bouw, in weken</source>
            <translation>construction: duration of the works, in weeks</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="401" />
            <source>kosten in euro per adres (verblijfsobject)</source>
            <translation>cost in euros per address (dwelling unit)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="404" />
            <source>licht</source>
            <translation>light</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="405" />
            <source>zwaar</source>
            <translation>heavy</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="406" />
            <source>sloop-nieuwbouw</source>
            <translation>demolish and rebuild</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="430" />
            <source>Kosten meerekenen</source>
            <translation>Include costs</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="434" />
            <source>Standaardwaarden herstellen</source>
            <translation>Restore defaults</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="440" />
            <source>Voorbereiding: van start plan tot start bouw (opname, beoordeling, ontwerp, uitvoeringsplan). Maatwerk is nooit sneller dan standaard. Vetgedrukt: afwijkend van de standaardwaarde (zie tooltip voor standaard en bron).</source>
            <translation>Preparation: from plan start to construction start (opname, assessment, design, execution plan). Bespoke is never faster than standard. Bold: differs from the default (see the tooltip for the default and its source).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="466" />
            <source>maatwerk</source>
            <translation>bespoke</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="466" />
            <source>standaard</source>
            <translation>standard</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="477" />
            <source>standaard {0} weken — {1}</source>
            <translation>default {0} weeks — {1}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="487" />
            <source>standaard € {0} per adres — (E) licht 20-60k, zwaar 100-300k, sloop-nieuwbouw 250-400k</source>
            <translation>default € {0} per address — (E) light 20-60k, heavy 100-300k, demolish and rebuild 250-400k</translation>
        </message>
    </context>
    <context>
        <name>EditClusterTool</name>
        <message>
            <location filename="../../gis_app/ui/clusters/tools.py" line="368" />
            <source>Hoekpunt verplaatsen</source>
            <translation>Move vertex</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/tools.py" line="374" />
            <source>Hoekpunt toevoegen</source>
            <translation>Add vertex</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/tools.py" line="381" />
            <source>Cluster verplaatsen</source>
            <translation>Move cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/tools.py" line="461" />
            <source>Hoekpunt verwijderen</source>
            <translation>Delete vertex</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="570" />
            <location filename="../../gis_app/ui/export_dialog.py" line="584" />
            <location filename="../../gis_app/ui/export_dialog.py" line="592" />
            <location filename="../../gis_app/ui/export_dialog.py" line="602" />
            <source>Veldpakket importeren</source>
            <translation>Import field pack</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="572" />
            <source>Veldpakket (*.gpkg *.zip)</source>
            <translation>Field pack (*.gpkg *.zip)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="579" />
            <source>Veldpakket importeren mislukt</source>
            <translation>Importing the field pack failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="585" />
            <source>Het veldpakket verandert niets.</source>
            <translation>The field pack changes nothing.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="593" />
            <source>{n} panden bijwerken? Conflicten worden niet overgenomen.</source>
            <translation>Update {n} buildings? Conflicts are not taken over.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="609" />
            <source>&amp;Exporteren...</source>
            <translation>&amp;Export...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="611" />
            <source>Werkpakketten exporteren naar Shapefile, GeoPackage, Excel, PDF en veldpakketten</source>
            <translation>Export work packages to Shapefile, GeoPackage, Excel, PDF and field packs</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="623" />
            <source>Veldpakket &amp;importeren...</source>
            <translation>&amp;Import field pack...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="625" />
            <source>Mijlpalen en notities uit een teruggestuurd veldpakket overnemen</source>
            <translation>Take over milestones and notes from a returned field pack</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="71" />
            <source>GeoPackage (alle lagen, RD New)</source>
            <translation>GeoPackage (all layers, RD New)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="72" />
            <source>Shapefile per werkpakket (map en .zip)</source>
            <translation>Shapefile per work package (folder and .zip)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="73" />
            <source>GeoJSON per werkpakket (WGS84)</source>
            <translation>GeoJSON per work package (WGS84)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="74" />
            <source>CSV-adreslijst per werkpakket</source>
            <translation>CSV address list per work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="75" />
            <source>Excel-adreslijst per werkpakket</source>
            <translation>Excel address list per work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="76" />
            <source>PDF-kaartblad per werkpakket</source>
            <translation>PDF map sheet per work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="77" />
            <source>QGIS-project (.qgz bij het GeoPackage, met stijlen)</source>
            <translation>QGIS project (.qgz with the GeoPackage, with styles)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="103" />
            <location filename="../../gis_app/ui/export_dialog.py" line="257" />
            <location filename="../../gis_app/ui/export_dialog.py" line="457" />
            <location filename="../../gis_app/ui/export_dialog.py" line="461" />
            <location filename="../../gis_app/ui/export_dialog.py" line="464" />
            <source>Exporteren</source>
            <translation>Export</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="109" />
            <source>Formaten</source>
            <translation>Formats</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="119" />
            <source>Veldpakket per werkpakket (offline, QGIS/QField)</source>
            <translation>Field pack per work package (offline, QGIS/QField)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="131" />
            <source>Het project heeft geen clusters: bij het exporteren worden ze voorgesteld.</source>
            <translation>The project has no clusters: they are suggested during the export.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="137" />
            <source>Er is geen planning ingesteld: de export plant met de standaardinstellingen.</source>
            <translation>No plan has been set up: the export plans with the default settings.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="143" />
            <source>Er zijn nog geen werkpakketten: de export maakt ze uit de planning (ongedaan te maken met Bewerken &gt; Ongedaan maken).</source>
            <translation>There are no work packages yet: the export makes them from the plan (undo with Edit &gt; Undo).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="154" />
            <source>Werkpakketten</source>
            <translation>Work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="161" />
            <source>Het project heeft nog geen werkpakketten. Bij het exporteren worden ze gemaakt uit de huidige planning, met de standaardinstellingen.</source>
            <translation>The project has no work packages yet. The export makes them from the current plan, with the default settings.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="170" />
            <source>{id}  {name} ({n} panden) — {contractor}, {period}</source>
            <translation>{id}  {name} ({n} buildings) — {contractor}, {period}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="173" />
            <location filename="../../gis_app/ui/export_dialog.py" line="283" />
            <source>nog toe te wijzen</source>
            <translation>to be assigned</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="189" />
            <source>Alle</source>
            <translation>All</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="190" />
            <source>Geen</source>
            <translation>None</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="203" />
            <source>Kolommen</source>
            <translation>Columns</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="205" />
            <source>Persoonsgegevens gaan alleen mee als u ze aanvinkt.</source>
            <translation>Personal data is only included when you tick it.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="221" />
            <source>  — persoonsgegevens</source>
            <translation>  — personal data</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="238" />
            <source>Map:</source>
            <translation>Folder:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="243" />
            <source>Bladeren...</source>
            <translation>Browse...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="260" />
            <location filename="../../gis_app/ui/export_dialog.py" line="480" />
            <source>Sluiten</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="276" />
            <source>Zoek op id, naam of aannemer</source>
            <translation>Search by id, name or contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="287" />
            <source>Alleen deze aannemer</source>
            <translation>Only this contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="289" />
            <source>Aannemer:</source>
            <translation>Contractor:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="303" />
            <source>Alleen deze periode</source>
            <translation>Only this period</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="307" />
            <source>Van:</source>
            <translation>From:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="309" />
            <source>tot en met:</source>
            <translation>up to and including:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="315" />
            <source>Selectie uit paneel Werkpakketten (%1)</source>
            <translation>Selection from the Work packages panel (%1)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="385" />
            <source>%1 van %2 gekozen</source>
            <translation>%1 of %2 chosen</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="404" />
            <source>Exportmap kiezen</source>
            <translation>Choose export folder</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="435" />
            <source>Export wordt afgebroken...</source>
            <translation>Cancelling the export...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="457" />
            <source>Kies eerst een map om in te exporteren.</source>
            <translation>Choose a folder to export to first.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="461" />
            <source>Kies minstens één formaat.</source>
            <translation>Choose at least one format.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="464" />
            <source>Kies minstens één werkpakket.</source>
            <translation>Choose at least one work package.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="473" />
            <source>Afbreken</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="490" />
            <source>Export gereed</source>
            <translation>Export finished</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="495" />
            <source>Exporteren mislukt</source>
            <translation>Export failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="498" />
            <source>Export afgebroken; er is niets weggeschreven.</source>
            <translation>Export cancelled; nothing was written.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="535" />
            <source>Clusters en werkpakketten maken voor export</source>
            <translation>Making clusters and work packages for the export</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/export_dialog.py" line="537" />
            <source>Werkpakketten maken voor export</source>
            <translation>Making work packages for the export</translation>
        </message>
    </context>
    <context>
        <name>FileActions</name>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" line="90" />
            <location filename="../../gis_app/ui/shell/file_actions.py" line="94" />
            <source>Openen mislukt</source>
            <extracomment>Files at least this large are read in a worker thread behind a busy dialog, so the window keeps painting (a 300,000-building GeoPackage takes several seconds).</extracomment>
            <translation>Opening failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" line="117" />
            <source>Openen</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" line="118" />
            <source>{name} wordt ingelezen...</source>
            <translation>Reading {name}...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" line="139" />
            <source>Openen geannuleerd</source>
            <translation>Opening cancelled</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" line="165" />
            <source>{name}: {n} panden geladen</source>
            <translation>{name}: {n} buildings loaded</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" line="172" />
            <source>Inleesrapport</source>
            <translation>Import report</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/file_actions.py" line="174" />
            <source>{n} panden ingelezen, {p} meldingen. Zie de details.</source>
            <translation>{n} buildings read, {p} messages. See the details.</translation>
        </message>
    </context>
    <context>
        <name>GanttCanvas</name>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="369" />
            <source>cluster (planvolgorde)</source>
            <translation>cluster (plan order)</translation>
        </message>
    </context>
    <context>
        <name>Glossary</name>
        <message>
            <location filename="../../gis_app/ui/glossary.py" line="21" />
            <source>licht verhoogd risico (P90 boven de norm)</source>
            <extracomment>Dutch domain term (as the English window shows it) -&gt; short Dutch explanation.</extracomment>
            <translation>slightly elevated risk: P90 above the norm</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" line="22" />
            <source>verhoogd risico (mediaan boven de norm)</source>
            <translation>elevated risk: median above the norm</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" line="23" />
            <source>normaal risico (onder de norm)</source>
            <translation>normal risk: below the norm</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" line="24" />
            <source>de eigenaar regelt de versterking zelf</source>
            <translation>owner-directed: the owner commissions the work</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" line="25" />
            <source>besluit over wat er moet gebeuren</source>
            <translation>assessment decision: what must be done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" line="26" />
            <source>besluit en uitvoeringsplan</source>
            <translation>reinforcement decision and execution plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" line="27" />
            <source>inspectie van het pand ter plaatse</source>
            <translation>on-site inspection of the building</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" line="28" />
            <source>veiligheidsnorm: LPR hoogstens 10⁻⁵ per jaar</source>
            <translation>safety norm: LPR at most 10⁻⁵ per year</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" line="29" />
            <source>lokaal persoonsgebonden risico per jaar</source>
            <translation>local personal risk per year</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/glossary.py" line="30" />
            <source>Basisregistratie Adressen en Gebouwen</source>
            <translation>national register of addresses and buildings</translation>
        </message>
    </context>
    <context>
        <name>GuideBrowser</name>
        <message>
            <location filename="../../gis_app/ui/help.py" line="188" />
            <source>Handleiding</source>
            <translation>User guide</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" line="217" />
            <source>De handleiding is niet gevonden in {path}.</source>
            <translation>The user guide was not found in {path}.</translation>
        </message>
    </context>
    <context>
        <name>Identify</name>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="43" />
            <source>Pand {id}</source>
            <translation>Building {id}</translation>
        </message>
    </context>
    <context>
        <name>IdentifyPanel</name>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="72" />
            <source>Veld</source>
            <translation>Field</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="72" />
            <source>Waarde</source>
            <translation>Value</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="98" />
            <source>Klik met het identificatiegereedschap op een pand.</source>
            <translation>Click a building with the identify tool.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="125" />
            <source>Pand {id}</source>
            <translation>Building {id}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="143" />
            <source>Oppervlakte</source>
            <translation>Area</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="146" />
            <source>Toegezegd</source>
            <translation>Promised</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="151" />
            <source>Veld in het bestand: {name}</source>
            <translation>Field in the file: {name}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="156" />
            <source>{name} (id {id})</source>
            <translation>{name} (id {id})</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="183" />
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="234" />
            <source>Toezegging intrekken</source>
            <translation>Withdraw commitment</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="186" />
            <source>Toezegging pand {id} ingetrokken</source>
            <translation>Commitment for building {id} withdrawn</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="197" />
            <source>bouwstart uiterlijk {start}, gereed {done} (gemeld op {told})</source>
            <translation>construction start by {start}, done by {done} (told on {told})</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="208" />
            <source> · het plan houdt dit</source>
            <translation> · the plan keeps this</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="210" />
            <source> · NIET gehouden: bouwstart nu {planned}, {days} dagen later</source>
            <translation> · NOT kept: construction now starts {planned}, {days} days later</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="222" />
            <source>Waarde kopiëren</source>
            <translation>Copy value</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="223" />
            <source>Alle velden kopiëren</source>
            <translation>Copy all fields</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="227" />
            <source>Toezegging intrekken...</source>
            <translation>Withdraw commitment...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/identify_panel.py" line="235" />
            <source>Waarom wordt de toezegging ingetrokken? (verplicht, blijft bewaard)</source>
            <translation>Why is the commitment withdrawn? (required, kept on record)</translation>
        </message>
    </context>
    <context>
        <name>LayerStack</name>
        <message>
            <location filename="../../gis_app/ui/map/layers.py" line="99" />
            <source>Gebouwen</source>
            <extracomment>Default styles for background layers, cycled: muted so buildings stay in front.</extracomment>
            <translation>Buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/layers.py" line="102" />
            <source>Werkpakketten</source>
            <translation>Work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/layers.py" line="108" />
            <source>Clusters</source>
            <translation>Clusters</translation>
        </message>
    </context>
    <context>
        <name>LayersPanel</name>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="158" />
            <source>De bovenste laag ligt bovenop. Sleep een laag om de volgorde te wijzigen.</source>
            <translation>The top layer is drawn on top. Drag a layer to change the order.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="170" />
            <source>Laag omhoog (bovenop tekenen)</source>
            <translation>Layer up (draw on top)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="172" />
            <source>Laag omlaag</source>
            <translation>Layer down</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="175" />
            <source>Stijl...</source>
            <translation>Style...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="176" />
            <source>Zoom naar laag</source>
            <translation>Zoom to layer</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="177" />
            <source>Laag toevoegen...</source>
            <translation>Add layer...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="179" />
            <source>Achtergrondlaag uit een lokaal bestand (GeoPackage, Shapefile, GeoJSON...)</source>
            <translation>Background layer from a local file (GeoPackage, Shapefile, GeoJSON...)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="181" />
            <source>Verwijderen</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="184" />
            <source>Dekking:</source>
            <translation>Opacity:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="255" />
            <source> — dekking {p} %</source>
            <translation> — opacity {p} %</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="348" />
            <source>Achtergrondlaag toevoegen</source>
            <translation>Add background layer</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="351" />
            <source>Vectorbestanden (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;Alle bestanden (*)</source>
            <translation>Vector files (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="377" />
            <source>Laag kiezen</source>
            <translation>Choose layer</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="378" />
            <source>Laag in {file}:</source>
            <translation>Layer in {file}:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="390" />
            <source>Laag toevoegen mislukt</source>
            <translation>Adding the layer failed</translation>
        </message>
    </context>
    <context>
        <name>LegendWidget</name>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" line="164" />
            <source>Gebouwen — {0}</source>
            <translation>Buildings — {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" line="166" />
            <location filename="../../gis_app/ui/map/legend.py" line="185" />
            <source>{0} ({1})</source>
            <translation>{0} ({1})</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" line="175" />
            <source>geselecteerd, rand om het pand ({0})</source>
            <translation>selected, border around the building ({0})</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" line="196" />
            <source>omtrek in de clusterkleur</source>
            <translation>outline in the cluster colour</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" line="197" />
            <source>omtrek, doorzichtige vulling over de panden</source>
            <translation>outline, transparent fill over the buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" line="199" />
            <source>omtrek, lichte vulling onder de panden</source>
            <translation>outline, light fill below the buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" line="208" />
            <source>geselecteerde cluster</source>
            <translation>selected cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" line="214" />
            <source>{0}: gestreepte omtrek ({1})</source>
            <translation>{0}: dashed outline ({1})</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" line="224" />
            <source>risicoprofiel</source>
            <translation>risk profile</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/legend.py" line="225" />
            <source>mijlpaal</source>
            <translation>milestone</translation>
        </message>
    </context>
    <context>
        <name>Letters</name>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" line="28" />
            <source>&amp;Bewonersbrieven...</source>
            <translation>&amp;Letters to residents...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" line="30" />
            <source>Brieven aan de bewoners die nu hun data kunnen krijgen, en een samenvoegbestand</source>
            <translation>Letters to the residents who can be given their dates now, and a mail-merge file</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" line="61" />
            <location filename="../../gis_app/ui/letters_dialog.py" line="67" />
            <location filename="../../gis_app/ui/letters_dialog.py" line="83" />
            <location filename="../../gis_app/ui/letters_dialog.py" line="91" />
            <source>Bewonersbrieven</source>
            <translation>Letters to residents</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" line="61" />
            <source>Er is nog geen plan berekend.</source>
            <translation>No plan has been computed yet.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" line="69" />
            <source>Niemand kan nu geïnformeerd worden: geen bouwstart binnen de gecontracteerde capaciteit met een bekende maatregel die nog niet is toegezegd.</source>
            <translation>Nobody can be informed now: no construction start within the contracted capacity with a known measure that has not been promised yet.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" line="77" />
            <source>Bewonersbrieven: kies een map</source>
            <translation>Letters to residents: choose a folder</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" line="83" />
            <source>Brieven schrijven...</source>
            <translation>Writing letters...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" line="93" />
            <source>{0} brieven geschreven in {1}.

Worden ze verstuurd? Dan worden de genoemde data vastgelegd als toezeggingen: het plan houdt zich eraan.</source>
            <translation>{0} letters written in {1}.

Will they be sent? Then the dates they name are recorded as commitments: the plan keeps to them.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" line="106" />
            <source>{0} adressen geïnformeerd</source>
            <translation>{0} addresses informed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/letters_dialog.py" line="113" />
            <source>Bewonersbrieven schrijven mislukt</source>
            <translation>Writing letters to residents failed</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="143" />
            <source>&amp;Bestand</source>
            <extracomment>QSettings keys of the remembered window layout. The version is part of the state: a layout saved by a build with other docks is ignored rather than half-applied. The smallest screen the window must fit (a common 1366 x 768 laptop); a test checks the window's minimum size against it.</extracomment>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="144" />
            <source>&amp;Openen...</source>
            <translation>&amp;Open...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="146" />
            <source>Een project of een bestand met panden openen</source>
            <translation>Open a project or a file with buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="150" />
            <source>&amp;Afsluiten</source>
            <translation>E&amp;xit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="167" />
            <source>Be&amp;werken</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="169" />
            <source>Ongedaan maken</source>
            <translation>Undo</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="172" />
            <source>Opnieuw</source>
            <translation>Redo</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="178" />
            <source>&amp;Voorkeuren...</source>
            <translation>&amp;Preferences...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="184" />
            <source>Bee&amp;ld</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="186" />
            <source>Zoom naar &amp;volledige kaart</source>
            <translation>Zoom to &amp;full map</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="189" />
            <source>Zoom naar &amp;selectie</source>
            <translation>Zoom to &amp;selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="192" />
            <source>Zoom naar &amp;laag</source>
            <translation>Zoom to &amp;layer</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="194" />
            <source>&amp;Inzoomen</source>
            <translation>Zoom &amp;in</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="195" />
            <source>&amp;Uitzoomen</source>
            <translation>Zoom &amp;out</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="197" />
            <source>&amp;Vorige weergave</source>
            <translation>&amp;Previous view</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="200" />
            <source>V&amp;olgende weergave</source>
            <translation>&amp;Next view</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="216" />
            <source>Volgend &amp;paneel</source>
            <translation>Next pan&amp;el</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="219" />
            <source>Vorig paneel</source>
            <translation>Previous panel</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="223" />
            <source>&amp;Panelen</source>
            <translation>P&amp;anels</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="224" />
            <source>&amp;Werkbalken</source>
            <translation>&amp;Toolbars</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="226" />
            <source>Standaardindeling &amp;herstellen</source>
            <translation>&amp;Restore default layout</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="229" />
            <source>Panelen en werkbalken terug op hun oorspronkelijke plaats</source>
            <translation>Panels and toolbars back in their original places</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="234" />
            <source>&amp;Selectie</source>
            <translation>&amp;Selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="236" />
            <source>&amp;Alle panden selecteren</source>
            <translation>Select &amp;all buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="239" />
            <source>Selectie &amp;opheffen</source>
            <translation>&amp;Clear selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="242" />
            <source>Selectie &amp;omkeren</source>
            <translation>&amp;Invert selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="247" />
            <source>Selecteer op &amp;risicoprofiel</source>
            <translation>Select by &amp;risk profile</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="255" />
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="256" />
            <source>&amp;Handleiding</source>
            <translation>User &amp;guide</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="258" />
            <source>&amp;Sneltoetsen</source>
            <translation>&amp;Keyboard shortcuts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="260" />
            <source>&amp;Welkomstpagina</source>
            <translation>&amp;Welcome page</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="264" />
            <source>&amp;Over gis_app</source>
            <translation>&amp;About gis_app</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="287" />
            <source>Kaart tools</source>
            <translation>Map tools</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="322" />
            <source>Verschuiven</source>
            <translation>Pan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="322" />
            <source>Kaart verschuiven door te slepen</source>
            <translation>Move the map by dragging</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="323" />
            <source>Zoomkader</source>
            <translation>Zoom box</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="323" />
            <source>Inzoomen op een getekend kader</source>
            <translation>Zoom in on a drawn box</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="324" />
            <location filename="../../gis_app/ui/shell/main_window.py" line="526" />
            <source>Identificeren</source>
            <translation>Identify</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="324" />
            <source>Eigenschappen van een pand</source>
            <translation>Properties of a building</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="327" />
            <source>Selecteren</source>
            <translation>Select</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="328" />
            <source>Klik of sleep een kader; Shift voegt toe, Ctrl wisselt</source>
            <translation>Click or drag a box; Shift adds, Ctrl toggles</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="331" />
            <source>Lasso</source>
            <translation>Lasso</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="331" />
            <source>Selecteren met een getekende veelhoek</source>
            <translation>Select with a drawn polygon</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="335" />
            <source>Navigatie</source>
            <translation>Navigation</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="338" />
            <source>Volledig</source>
            <translation>Full</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="339" />
            <source>Selectie</source>
            <translation>Selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="340" />
            <source>Vorige</source>
            <translation>Previous</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="341" />
            <source>Volgende</source>
            <translation>Next</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="352" />
            <source>Zoeken</source>
            <translation>Search</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="354" />
            <source> Zoeken: </source>
            <translation> Search: </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="487" />
            <source>Lagen</source>
            <translation>Layers</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="493" />
            <source>Stijl panden</source>
            <translation>Building style</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="518" />
            <source>Legenda</source>
            <translation>Legend</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="537" />
            <source>&amp;Clusters</source>
            <translation>&amp;Clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="541" />
            <source>Clusters</source>
            <translation>Clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="558" />
            <source>&amp;Werkpakketten</source>
            <translation>&amp;Work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="561" />
            <source>Werkpakketten</source>
            <translation>Work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="569" />
            <source>Attribuuttabel</source>
            <translation>Attribute table</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="754" />
            <source>Over gis_app</source>
            <translation>About gis_app</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/main_window.py" line="756" />
            <source>gis_app {version}

Planning van de versterkingsopgave in Groningen: panden op de kaart, clusters, planning en werkpakketten.</source>
            <translation>gis_app {version}

Planning the earthquake reinforcement of buildings in Groningen: buildings on the map, clusters, planning and work packages.</translation>
        </message>
    </context>
    <context>
        <name>MapCanvas</name>
        <message>
            <location filename="../../gis_app/ui/map/canvas.py" line="694" />
            <source>Pand {0}</source>
            <extracomment>Python's GIL switch interval while a map exists. PySide6 keeps the GIL during Qt calls, and the render worker is a Python thread: a short interval lets the UI thread take the GIL back quickly between the worker's (chunked) drawing calls.</extracomment>
            <translation>Building {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/canvas.py" line="698" />
            <source>Risicoprofiel: {0}</source>
            <translation>Risk profile: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/canvas.py" line="702" />
            <source>Mijlpaal: {0}</source>
            <translation>Milestone: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/canvas.py" line="706" />
            <source>Cluster: {0}</source>
            <translation>Cluster: {0}</translation>
        </message>
    </context>
    <context>
        <name>MetricsView</name>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="54" />
            <source>factor {0}</source>
            <translation>factor {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="57" />
            <source>{0} panden lichter (toegepast)</source>
            <translation>{0} buildings lighter (applied)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="59" />
            <source>{0} panden lichter (kandidaat)</source>
            <translation>{0} buildings lighter (candidates)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="64" />
            <source>{0} adressen</source>
            <translation>{0} addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="69" />
            <source>{0} van {1}</source>
            <translation>{0} of {1}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="71" />
            <source>{0} slachtoffer-jaren</source>
            <translation>{0} fatality-years</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="74" />
            <source>{0} panden</source>
            <translation>{0} buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="79" />
            <source>{0} paren</source>
            <translation>{0} pairs</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="81" />
            <source>{0} jaar</source>
            <translation>{0} years</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="85" />
            <source>€ {0} mln</source>
            <translation>€ {0} m</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="14" />
            <source>Risicoblootstelling</source>
            <extracomment>(metric key, Dutch label, kind) in display order.</extracomment>
            <translation>Risk exposure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="15" />
            <source>Alle verhoogd gereed</source>
            <translation>All verhoogd done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="18" />
            <source>Alle licht verhoogd gereed</source>
            <translation>All licht verhoogd done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="21" />
            <source>Alles gereed</source>
            <translation>All done</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="22" />
            <source>Maatwerk</source>
            <translation>Bespoke</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="25" />
            <source>Moeilijk uitlegbare buren</source>
            <translation>Hard-to-explain neighbours</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="30" />
            <source>Mediane wachttijd verhoogd</source>
            <translation>Median wait verhoogd</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="33" />
            <source>Dreigingsniveau</source>
            <translation>Threat level</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="34" />
            <source>Kosten</source>
            <translation>Cost</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="35" />
            <source>Nu te informeren</source>
            <translation>Can be informed now</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="36" />
            <source>Toezeggingen gebroken</source>
            <translation>Commitments broken</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="125" />
            <source>Som over de panden van LPR × personen × jaren tot veilig: het risico dat gelopen wordt tijdens het wachten (verwachte slachtoffers). Snelheid verlaagt dit.</source>
            <translation>Sum over the buildings of LPR × persons × years until safe: the risk run while waiting (expected fatalities). Speed lowers it.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="129" />
            <source>Panden met maatwerk in dit plan, inclusief sloop-nieuwbouw en eigen regie (die zijn altijd maatwerk); percentage van de panden met werk.</source>
            <translation>Buildings with a bespoke approach in this plan, including demolish-and-rebuild and eigen regie (owner-directed; always bespoke); percentage of the buildings with work.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="133" />
            <source>Factor op het risico. Panden die daardoor onder de Meijdam-norm vallen zijn kandidaat voor een lichtere of geen maatregel.</source>
            <translation>Factor on the risk. Buildings that thereby fall below the Meijdam norm are candidates for a lighter measure or none.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="137" />
            <source>Adressen waarvan de bouwstart binnen de gecontracteerde capaciteit valt, de maatregel bekend is (beoordeling gedaan) en die nog niets gehoord hebben: zij kunnen nu hun data krijgen (Bestand &gt; Bewonersbrieven...).</source>
            <translation>Addresses whose construction start falls within the contracted capacity, whose measure is known (assessment done) and who have not heard anything yet: they can be given their dates now (File &gt; Letters to residents...).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="142" />
            <source>Toezeggingen aan bewoners die dit plan niet houdt: de bouw start later dan toegezegd. Zie het identificatiepaneel per adres.</source>
            <translation>Commitments to residents that this plan does not keep: construction starts later than promised. See the identify panel per address.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="146" />
            <source>Buren (binnen de buurafstand) die verschillend worden aangepakt of ver uit elkaar gereedkomen: moeilijk uitlegbare verschillen.</source>
            <translation>Neighbours (within the neighbour distance) that are treated differently or finished far apart: differences that are hard to explain.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="187" />
            <source>Geen panden met werk: er valt niets te plannen.</source>
            <translation>No buildings with work: there is nothing to plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="188" />
            <source>Nog geen clusters: panden worden per gemeente gepland.</source>
            <translation>No clusters yet: buildings are planned per municipality.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="190" />
            <source>De drie datums zijn gelijk: het laatste blok in de planning bevat panden van elk risicoprofiel.</source>
            <translation>The three dates are equal: the last block in the plan holds buildings of every risk profile.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/metrics.py" line="194" />
            <source>Moeilijk uitlegbare buren: zonder clusters worden buren niet samen gepland en komen ze jaren na elkaar gereed.</source>
            <translation>Hard-to-explain neighbours: without clusters, neighbours are not planned together and are finished years apart.</translation>
        </message>
    </context>
    <context>
        <name>Months</name>
        <message>
            <location filename="../../gis_app/ui/planning/plotting.py" line="27" />
            <source>jan</source>
            <translation>Jan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/plotting.py" line="28" />
            <source>feb</source>
            <translation>Feb</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/plotting.py" line="29" />
            <source>mrt</source>
            <translation>Mar</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/plotting.py" line="30" />
            <source>apr</source>
            <translation>Apr</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/plotting.py" line="31" />
            <source>mei</source>
            <translation>May</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/plotting.py" line="32" />
            <source>jun</source>
            <translation>Jun</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/plotting.py" line="33" />
            <source>jul</source>
            <translation>Jul</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/plotting.py" line="34" />
            <source>aug</source>
            <translation>Aug</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/plotting.py" line="35" />
            <source>sep</source>
            <translation>Sep</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/plotting.py" line="36" />
            <source>okt</source>
            <translation>Oct</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/plotting.py" line="37" />
            <source>nov</source>
            <translation>Nov</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/plotting.py" line="38" />
            <source>dec</source>
            <translation>Dec</translation>
        </message>
    </context>
    <context>
        <name>NorthArrow</name>
        <message>
            <location filename="../../gis_app/ui/map/decorations.py" line="87" />
            <source>N</source>
            <translation>N</translation>
        </message>
    </context>
    <context>
        <name>PackageTableModel</name>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="165" />
            <source>Id</source>
            <extracomment>The package's contractor ("" = not assigned), for the contractor filter. QSettings key of the table's column widths and order.</extracomment>
            <translation>Id</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="166" />
            <source>Naam</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="167" />
            <source>Panden</source>
            <translation>Buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="168" />
            <source>Adressen</source>
            <translation>Addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="169" />
            <source>Aannemer</source>
            <translation>Contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="170" />
            <source>Start</source>
            <translation>Start</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="171" />
            <source>Einde</source>
            <translation>End</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="172" />
            <source>Licht</source>
            <translation>Light</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="173" />
            <source>Zwaar</source>
            <translation>Heavy</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="174" />
            <source>Sloop-nieuwbouw</source>
            <translation>Demolish and rebuild</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="175" />
            <source>Standaard</source>
            <translation>Standard</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="176" />
            <source>Maatwerk</source>
            <translation>Bespoke</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="177" />
            <source>Bewoners</source>
            <translation>Residents</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="178" />
            <source>Kosten</source>
            <translation>Cost</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="179" />
            <source>Cluster</source>
            <translation>Cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="180" />
            <source>Handmatig</source>
            <translation>Manual</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="183" />
            <source>Panden met lichte versterking</source>
            <translation>Buildings with light reinforcement</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="184" />
            <source>Panden met zware versterking</source>
            <translation>Buildings with heavy reinforcement</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="185" />
            <source>Panden met sloop-nieuwbouw</source>
            <translation>Buildings to be demolished and rebuilt</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="186" />
            <source>Panden met standaardaanpak</source>
            <translation>Buildings with the standard approach</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="187" />
            <source>Panden met maatwerk</source>
            <translation>Buildings with a bespoke approach</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="188" />
            <source>Door de planner aangepast; herplannen laat het pakket staan</source>
            <translation>Changed by the planner; replanning leaves the package as it is</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="189" />
            <source>Eerste bouwstart in de planning</source>
            <translation>First construction start in the plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="190" />
            <source>Laatste oplevering in de planning</source>
            <translation>Last completion in the plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="191" />
            <source>Geraamde kosten in euro</source>
            <translation>Estimated cost in euros</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="248" />
            <source>Nog geen aannemer toegewezen</source>
            <translation>No contractor assigned yet</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="257" />
            <source>nog toe te wijzen</source>
            <translation>to be assigned</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="263" />
            <source>ja</source>
            <translation>yes</translation>
        </message>
    </context>
    <context>
        <name>PackagesPanel</name>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="347" />
            <location filename="../../gis_app/ui/packages/panel.py" line="550" />
            <source>Maak werkpakketten uit planning</source>
            <translation>Make work packages from plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="351" />
            <source>Bewerken</source>
            <translation>Edit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="402" />
            <source>Alleen de werkpakketten van één aannemer tonen</source>
            <translation>Show only the work packages of one contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="410" />
            <source>Toon aannemer:</source>
            <translation>Show contractor:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="441" />
            <source>alle</source>
            <translation>all</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="446" />
            <source>nog toe te wijzen</source>
            <translation>to be assigned</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="481" />
            <source>Grenzen per werkpakket</source>
            <translation>Limits per work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="492" />
            <source> panden</source>
            <translation> buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="493" />
            <source> adressen</source>
            <translation> addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="494" />
            <source> weken</source>
            <translation> weeks</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="496" />
            <source>Restpakket van 1-5 panden bij het vorige pakket voegen</source>
            <translation>Add a remainder of 1-5 buildings to the previous package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="502" />
            <source>Hoogstens</source>
            <translation>At most</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="503" />
            <source>Bouwstarts binnen</source>
            <translation>Construction starts within</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="553" />
            <source>Knip de planning per cluster in werkpakketten; bestaande pakketten worden bijgewerkt (ids, namen, aannemers en handmatige wijzigingen blijven)</source>
            <translation>Cut the plan per cluster into work packages; existing packages are updated (ids, names, contractors and manual changes stay)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="558" />
            <source>Selectie naar pakket...</source>
            <translation>Selection to package...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="560" />
            <source>Verplaats de geselecteerde panden naar een werkpakket of een nieuw pakket</source>
            <translation>Move the selected buildings to a work package or a new package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="563" />
            <source>Clusters naar pakket...</source>
            <translation>Clusters to package...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="565" />
            <source>Verplaats alle panden met werk van de geselecteerde clusters naar een pakket</source>
            <translation>Move all buildings with work of the selected clusters to a package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="568" />
            <source>Samenvoegen</source>
            <translation>Merge</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="570" />
            <source>Voeg de geselecteerde werkpakketten samen tot het eerste</source>
            <translation>Merge the selected work packages into the first</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="573" />
            <source>Splitsen</source>
            <translation>Split</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="576" />
            <source>Splits het werkpakket: de geselecteerde panden naar een nieuw pakket, of anders in twee helften op volgorde van bouwstart</source>
            <translation>Split the work package: the selected buildings to a new package, otherwise into two halves by construction start</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="581" />
            <source>Hernoemen...</source>
            <translation>Rename...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="583" />
            <source>Geef het werkpakket een naam</source>
            <translation>Give the work package a name</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="587" />
            <source>Aannemer en periode...</source>
            <translation>Contractor and period...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="589" />
            <source>Wijs een aannemer toe aan de geselecteerde werkpakketten</source>
            <translation>Assign a contractor to the selected work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="592" />
            <source>Zoom naar pakket</source>
            <translation>Zoom to package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="594" />
            <source>Selecteer de panden van de pakketten en zoom ernaar</source>
            <translation>Select the buildings of the packages and zoom to them</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="597" />
            <source>Verwijderen</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="600" />
            <source>Verwijder de geselecteerde werkpakketten; hun panden zitten daarna in geen pakket</source>
            <translation>Delete the selected work packages; their buildings are then in no package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="652" />
            <source>Nog geen werkpakketten. Maak ze uit de planning.</source>
            <translation>No work packages yet. Make them from the plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="657" />
            <source>%1 werkpakketten, %2 panden, %3 adressen</source>
            <translation>%1 work packages, %2 buildings, %3 addresses</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="666" />
            <source>; %1 panden met werk in geen pakket</source>
            <translation>; %1 buildings with work in no package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="671" />
            <source>; getoond: %1 van %2</source>
            <translation>; shown: %1 of %2</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="697" />
            <source>De planning is gewijzigd. Kies 'Maak werkpakketten uit planning' om de pakketten bij te werken; ids, namen en handmatige wijzigingen blijven.</source>
            <translation>The plan has changed. Choose 'Make work packages from plan' to update the packages; ids, names and manual changes stay.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="721" />
            <location filename="../../gis_app/ui/packages/panel.py" line="811" />
            <source>Er is nog geen planning. Bereken eerst een planning in het paneel Planning; werkpakketten worden uit de planning gemaakt.</source>
            <translation>There is no plan yet. First compute a plan in the Planning panel; work packages are made from the plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="734" />
            <source>Er zijn nog geen werkpakketten.</source>
            <translation>There are no work packages yet.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="799" />
            <location filename="../../gis_app/ui/packages/panel.py" line="809" />
            <source>Werkpakketten</source>
            <translation>Work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="832" />
            <source>Werkpakketten bijwerken</source>
            <translation>Update work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="832" />
            <source>Werkpakketten maken</source>
            <translation>Make work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="836" />
            <source>%1 werkpakketten met %2 panden</source>
            <translation>%1 work packages with %2 buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="845" />
            <source>Nieuw werkpakket</source>
            <translation>New work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="857" />
            <source>Naar werkpakket:</source>
            <translation>To work package:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="883" />
            <source>Selecteer eerst panden op de kaart of in de tabel.</source>
            <translation>Select buildings on the map or in the table first.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="888" />
            <source>Geen van de geselecteerde panden heeft werk in de planning.</source>
            <translation>None of the selected buildings has work in the plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="891" />
            <source>Selectie naar pakket</source>
            <translation>Selection to package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="894" />
            <source>Panden naar werkpakket</source>
            <translation>Buildings to work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="898" />
            <location filename="../../gis_app/ui/packages/panel.py" line="934" />
            <source>%1 panden naar %2</source>
            <translation>%1 buildings to %2</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="901" />
            <source>; %1 panden zonder werk in de planning niet verplaatst</source>
            <translation>; %1 buildings without work in the plan not moved</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="913" />
            <source>Selecteer eerst clusters in het paneel Clusters.</source>
            <translation>Select clusters in the Clusters panel first.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="917" />
            <source>De geselecteerde clusters hebben geen werk in de planning.</source>
            <translation>The selected clusters have no work in the plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="920" />
            <source>Clusters naar pakket</source>
            <translation>Clusters to package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="929" />
            <source>Clusters naar werkpakket</source>
            <translation>Clusters to work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="950" />
            <source>Werkpakketten samenvoegen</source>
            <translation>Merge work packages</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="957" />
            <source>Kies één werkpakket om te splitsen.</source>
            <translation>Choose one work package to split.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="968" />
            <source>Werkpakket splitsen</source>
            <translation>Split work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="981" />
            <location filename="../../gis_app/ui/packages/panel.py" line="995" />
            <source>Werkpakket hernoemen</source>
            <translation>Rename work package</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="982" />
            <source>Naam van %1:</source>
            <translation>Name of %1:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="1030" />
            <source>Aannemer toewijzen</source>
            <translation>Assign contractor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/packages/panel.py" line="1044" />
            <source>Werkpakketten verwijderen</source>
            <translation>Delete work packages</translation>
        </message>
    </context>
    <context>
        <name>PeriodTable</name>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="131" />
            <source>vanaf</source>
            <translation>from</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="131" />
            <source>bouwstarts per week</source>
            <translation>construction starts per week</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="140" />
            <source>Periode toevoegen</source>
            <translation>Add period</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/editors.py" line="141" />
            <source>Verwijderen</source>
            <translation>Delete</translation>
        </message>
    </context>
    <context>
        <name>PlanCharts</name>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="40" />
            <source>Bouwcapaciteit per maand</source>
            <translation>Construction capacity per month</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="41" />
            <source>bouwstarts</source>
            <translation>starts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="43" />
            <source>geplande starts</source>
            <translation>planned starts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="44" />
            <source>boven capaciteit</source>
            <translation>above capacity</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="45" />
            <source>capaciteit</source>
            <translation>capacity</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="46" />
            <source>gecontracteerd</source>
            <translation>contracted</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="77" />
            <source>Veilige panden (cumulatief)</source>
            <translation>Safe buildings (cumulative)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="78" />
            <source>panden</source>
            <translation>buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="89" />
            <source>Resterend risico</source>
            <translation>Remaining risk</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="90" />
            <source>slachtoffers per jaar</source>
            <translation>fatalities per year</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="95" />
            <source>risico van panden die nog niet veilig zijn</source>
            <translation>risk of buildings that are not safe yet</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="108" />
            <source>Afweging snelheid – maatwerk</source>
            <translation>Trade-off speed – bespoke</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="110" />
            <source>alle clusters hetzelfde aandeel</source>
            <translation>all clusters the same share</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="111" />
            <source>huidig plan</source>
            <translation>current plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="115" />
            <source>slachtoffer-jaren</source>
            <translation>fatality-years</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="118" />
            <source>aandeel maatwerk</source>
            <translation>bespoke share</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/charts.py" line="242" />
            <source>wordt berekend ({0} %)</source>
            <translation>computing ({0} %)</translation>
        </message>
    </context>
    <context>
        <name>PlanningController</name>
        <message>
            <location filename="../../gis_app/ui/planning/controller.py" line="138" />
            <source>Planningsinstellingen in het project zijn ongeldig ({0}); standaardwaarden gebruikt.</source>
            <translation>The planning settings in the project are invalid ({0}); defaults used.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/controller.py" line="339" />
            <source>De planning kon niet worden berekend: {0}</source>
            <translation>The plan could not be computed: {0}</translation>
        </message>
    </context>
    <context>
        <name>PlanningPanel</name>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="296" />
            <source>Snelheid ↔ maatwerk (alle clusters)</source>
            <translation>Speed ↔ bespoke (all clusters)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="301" />
            <source>Aandeel maatwerk voor clusters zonder eigen instelling. Sloop-nieuwbouw en eigen regie zijn altijd maatwerk.</source>
            <translation>Bespoke share for clusters without their own setting. Demolish-and-rebuild and eigen regie (owner-directed) are always bespoke.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="315" />
            <source>Geselecteerd cluster</source>
            <translation>Selected cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="324" />
            <source>Plan</source>
            <translation>Plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="333" />
            <source>standaard (hoog risico eerst)</source>
            <translation>default (high risk first)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="335" />
            <source>geoptimaliseerd (minste risicoblootstelling)</source>
            <translation>optimised (least risk exposure)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="347" />
            <source>Factor op het risico (LPR). 1 = huidig dreigingsniveau; lager bij minder gaswinning.</source>
            <translation>Factor on the risk (LPR). 1 = current threat level; lower with less gas extraction.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="350" />
            <source>lichtere maatregel onder de Meijdam-norm</source>
            <translation>lighter measure below the Meijdam norm</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="351" />
            <source>Volgorde clusters</source>
            <translation>Cluster order</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="358" />
            <source>Startdatum</source>
            <translation>Start date</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="359" />
            <source>Dreigingsfactor</source>
            <translation>Threat factor</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="364" />
            <source>Uitkomst</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="384" />
            <source>Capaciteit</source>
            <translation>Capacity</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="385" />
            <source>Duur en kosten</source>
            <translation>Duration and cost</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="441" />
            <source>Nog geen plan: open of laad panden.</source>
            <translation>No plan yet: open or load buildings.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="447" />
            <source>plan: maatwerk {0} — {1} panden</source>
            <translation>plan: bespoke {0} — {1} buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="455" />
            <source>berekend in {0} s</source>
            <translation>computed in {0} s</translation>
        </message>
    </context>
    <context>
        <name>PlanningWorkspace</name>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="565" />
            <source>Planning</source>
            <translation>Planning</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="568" />
            <source>Grafieken</source>
            <translation>Charts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="570" />
            <source>Tijdlijn</source>
            <translation>Timeline</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="571" />
            <source>Scenario's</source>
            <translation>Scenarios</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="572" />
            <source>Voortgang</source>
            <translation>Progress</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="583" />
            <source>Aandeel maatwerk (selectie)</source>
            <translation>Bespoke share (selection)</translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="162" />
            <source>Voorkeuren</source>
            <extracomment>The defaults, also what "Standaardwaarden" restores.</extracomment>
            <translation>Preferences</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="166" />
            <source>Algemeen</source>
            <translation>General</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="169" />
            <source>Nederlands</source>
            <translation>Nederlands (Dutch)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="170" />
            <source>Engels (English)</source>
            <translation>English</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="172" />
            <source>De taal wordt toegepast bij de volgende start van het programma.</source>
            <translation>The language is applied the next time the program starts.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="175" />
            <source>&amp;Taal:</source>
            <translation>&amp;Language:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="179" />
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="180" />
            <source>uit</source>
            <translation>off</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="181" />
            <source>&amp;Automatisch opslaan elke:</source>
            <translation>&amp;Autosave every:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="184" />
            <source>(de laatst gebruikte map)</source>
            <translation>(the folder used last)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="185" />
            <source>&amp;Bladeren...</source>
            <translation>&amp;Browse...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="189" />
            <source>&amp;Gegevensmap:</source>
            <translation>&amp;Data folder:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="194" />
            <source>Nieuwe planning</source>
            <translation>New plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="198" />
            <source> bouwstarts per week</source>
            <translation> construction starts per week</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="199" />
            <source>&amp;Capaciteit:</source>
            <translation>&amp;Capacity:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="201" />
            <source>maandag van deze &amp;week</source>
            <translation>Monday of this &amp;week</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="208" />
            <source>&amp;Startdatum:</source>
            <translation>&amp;Start date:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="211" />
            <source>Geldt voor projecten zonder eigen planningsinstellingen.</source>
            <translation>Applies to projects without planning settings of their own.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="216" />
            <source>Exporteren (standaardkeuze)</source>
            <translation>Export (default choice)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="241" />
            <source>&amp;Standaardwaarden</source>
            <translation>Restore &amp;defaults</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/preferences.py" line="305" />
            <source>Gegevensmap kiezen</source>
            <translation>Choose data folder</translation>
        </message>
    </context>
    <context>
        <name>ProjectController</name>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="174" />
            <source>&amp;Bestand</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="177" />
            <source>&amp;Nieuw</source>
            <translation>&amp;New</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="179" />
            <source>Een nieuw, leeg project beginnen</source>
            <translation>Start a new, empty project</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="185" />
            <source>&amp;Openen...</source>
            <translation>&amp;Open...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="187" />
            <source>Een project of een bestand met panden openen</source>
            <translation>Open a project or a file with buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="190" />
            <source>Op&amp;slaan</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="192" />
            <source>Het project opslaan</source>
            <translation>Save the project</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="195" />
            <source>Opslaan &amp;als...</source>
            <translation>Save &amp;as...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="197" />
            <source>Het project opslaan in een ander bestand</source>
            <translation>Save the project to another file</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="200" />
            <source>&amp;Recente projecten</source>
            <translation>&amp;Recent projects</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="207" />
            <source>&amp;Afsluiten</source>
            <translation>E&amp;xit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="288" />
            <source>Niet-opgeslagen wijzigingen</source>
            <translation>Unsaved changes</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="289" />
            <source>Het project ‘{name}’ heeft wijzigingen die nog niet zijn opgeslagen.</source>
            <translation>The project ‘{name}’ has changes that have not been saved yet.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="292" />
            <source>Wilt u de wijzigingen opslaan?</source>
            <translation>Do you want to save the changes?</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="300" />
            <source>Project opslaan als</source>
            <translation>Save project as</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="311" />
            <source>Project of gegevens openen</source>
            <translation>Open project or data</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="333" />
            <source>Naamloos project</source>
            <translation>Untitled project</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="335" />
            <source> project</source>
            <translation> project</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="401" />
            <location filename="../../gis_app/ui/shell/project_controller.py" line="405" />
            <source>Openen mislukt</source>
            <translation>Opening failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="444" />
            <source>Er wordt al opgeslagen; wacht tot dat klaar is.</source>
            <translation>A save is already running; wait until it has finished.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="453" />
            <location filename="../../gis_app/ui/shell/project_controller.py" line="491" />
            <source>Opslaan mislukt</source>
            <translation>Saving failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="466" />
            <source>Opslaan</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="466" />
            <source>Project opslaan...</source>
            <translation>Saving the project...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="496" />
            <source>Opslaan geannuleerd; het project is niet opgeslagen.</source>
            <translation>Save cancelled; the project has not been saved.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="520" />
            <source>Project opgeslagen: {path}</source>
            <translation>Project saved: {path}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="541" />
            <source>• {name} ({role}): niet gevonden</source>
            <translation>• {name} ({role}): not found</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="548" />
            <source>• {name} ({role}): niet te controleren (geen gewoon bestand, te groot of te traag)</source>
            <translation>• {name} ({role}): cannot be checked (not a regular file, too large or too slow)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="554" />
            <source>• {name} ({role}): gewijzigd sinds het project is gemaakt</source>
            <translation>• {name} ({role}): changed since the project was made</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="570" />
            <source>Project geopend; {count} bronbestand(en) gewijzigd of niet gevonden</source>
            <translation>Project opened; {count} source file(s) changed or not found</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="579" />
            <source>Bronbestanden gewijzigd</source>
            <translation>Source files changed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="581" />
            <source>Het project is geopend zoals het is opgeslagen, maar deze bronbestanden zijn sindsdien veranderd:</source>
            <translation>The project has been opened as it was saved, but these source files have changed since:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="595" />
            <source>Project deels geopend</source>
            <translation>Project partly opened</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="597" />
            <source>Het project is geopend met al zijn panden, maar niet alles in het bestand was bruikbaar. Dit is weggelaten of vervangen door standaardwaarden:</source>
            <translation>The project has been opened with all its buildings, but not everything in the file was usable. This was left out or replaced by defaults:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="636" />
            <source>(geen)</source>
            <translation>(none)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="640" />
            <source>Lijst wissen</source>
            <translation>Clear list</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="665" />
            <source>Automatisch opslaan</source>
            <translation>Autosave</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="669" />
            <source>Elke minuut</source>
            <translation>Every minute</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="670" />
            <source>Elke 2 minuten</source>
            <translation>Every 2 minutes</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="671" />
            <source>Elke 5 minuten</source>
            <translation>Every 5 minutes</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="672" />
            <source>Elke 10 minuten</source>
            <translation>Every 10 minutes</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="673" />
            <source>Uit</source>
            <translation>Off</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="684" />
            <source>Niet-opgeslagen werk wordt bewaard in een herstelbestand, voor als het misgaat</source>
            <translation>Unsaved work is kept in a recovery file, in case something goes wrong</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="691" />
            <source>naamloos project</source>
            <translation>untitled project</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="695" />
            <source>Niet-opgeslagen werk herstellen</source>
            <translation>Recover unsaved work</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="697" />
            <source>gis_app is de vorige keer niet normaal afgesloten. Er is niet-opgeslagen werk van ‘{name}’ bewaard (automatisch opgeslagen {when}).</source>
            <translation>gis_app did not close normally last time. Unsaved work of ‘{name}’ has been kept (autosaved {when}).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="701" />
            <source>Herstellen opent dit werk; sla het daarna op. Verwijderen gooit het weg. Annuleren bewaart het voor de volgende keer.</source>
            <translation>Restore opens this work; save it afterwards. Discard throws it away. Cancel keeps it for next time.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="726" />
            <source>Herstellen mislukt</source>
            <translation>Recovery failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="735" />
            <source>Niet-opgeslagen werk hersteld; sla het project op.</source>
            <translation>Unsaved work recovered; save the project.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="111" />
            <source>gis_app-project (*.gpkg)</source>
            <translation>gis_app project (*.gpkg)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/project_controller.py" line="112" />
            <source>Projecten en gegevens (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;gis_app-project (*.gpkg);;Shapefile (*.shp *.zip);;GeoJSON (*.geojson *.json);;FlatGeobuf (*.fgb);;Alle bestanden (*)</source>
            <translation>Projects and data (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;gis_app project (*.gpkg);;Shapefile (*.shp *.zip);;GeoJSON (*.geojson *.json);;FlatGeobuf (*.fgb);;All files (*)</translation>
        </message>
    </context>
    <context>
        <name>QgisExport</name>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" line="61" />
            <source>Exporteren als QGIS-project: kies een map</source>
            <translation>Export as QGIS project: choose a folder</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" line="69" />
            <source>Exporteren als QGIS-project</source>
            <translation>Export as QGIS project</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" line="69" />
            <source>QGIS-project schrijven...</source>
            <translation>Writing the QGIS project...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" line="88" />
            <source>Werkpakketten maken voor export</source>
            <translation>Making work packages for the export</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" line="91" />
            <source>QGIS-project geschreven</source>
            <translation>QGIS project written</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" line="95" />
            <source>Exporteren als QGIS-project mislukt</source>
            <translation>Export as QGIS project failed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" line="111" />
            <source>Exporteren als &amp;QGIS-project...</source>
            <translation>Export as &amp;QGIS project...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/qgis_export.py" line="113" />
            <source>Het plan als QGIS-project (.qgz) met GeoPackage, stijlen en achtergrondlagen</source>
            <translation>The plan as a QGIS project (.qgz) with GeoPackage, styles and background layers</translation>
        </message>
    </context>
    <context>
        <name>ScaleBar</name>
        <message>
            <location filename="../../gis_app/ui/map/decorations.py" line="22" />
            <source>{0} km</source>
            <translation>{0} km</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/map/decorations.py" line="24" />
            <source>{0} m</source>
            <translation>{0} m</translation>
        </message>
    </context>
    <context>
        <name>ScenarioManager</name>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="122" />
            <source>Scenario's (vink aan om te vergelijken):</source>
            <translation>Scenarios (tick to compare):</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="128" />
            <source>Huidige opslaan…</source>
            <translation>Save current…</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="129" />
            <source>Toepassen</source>
            <translation>Apply</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="130" />
            <source>Dupliceren</source>
            <translation>Duplicate</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="131" />
            <source>Hernoemen…</source>
            <translation>Rename…</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="132" />
            <source>Verwijderen</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="133" />
            <source>Vergelijken</source>
            <translation>Compare</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="135" />
            <source>Bewaar de huidige instellingen, clusteraandelen en volgorde als scenario.</source>
            <translation>Keep the current settings, cluster shares and order as a scenario.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="138" />
            <source>Zet de instellingen van het gekozen scenario terug als huidige planning.</source>
            <translation>Restore the settings of the chosen scenario as the current plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="180" />
            <source>Vergelijking</source>
            <translation>Comparison</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="184" />
            <source>Curven</source>
            <translation>Curves</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="188" />
            <location filename="../../gis_app/ui/planning/scenarios.py" line="592" />
            <source>Verhoogd veilig (cumulatief)</source>
            <translation>Verhoogd safe (cumulative)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="188" />
            <source>panden</source>
            <translation>buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="191" />
            <location filename="../../gis_app/ui/planning/scenarios.py" line="593" />
            <source>Resterend risico</source>
            <translation>Remaining risk</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="191" />
            <source>slachtoffers per jaar</source>
            <translation>fatalities per year</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="263" />
            <source>opgeslagen {0}</source>
            <translation>saved {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="264" />
            <source>volgorde: {0}</source>
            <translation>order: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="267" />
            <source>globaal maatwerk: {0} %</source>
            <translation>global bespoke: {0} %</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="270" />
            <source>{0} clusters met eigen aandeel</source>
            <translation>{0} clusters with their own share</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="331" />
            <source>Scenario '{0}' opgeslagen.</source>
            <translation>Scenario '{0}' saved.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="366" />
            <source>Scenario '{0}' toegepast.</source>
            <translation>Scenario '{0}' applied.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="381" />
            <source>Scenario {0}</source>
            <translation>Scenario {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="383" />
            <source>Scenario opslaan</source>
            <translation>Save scenario</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="383" />
            <source>Naam van het scenario:</source>
            <translation>Name of the scenario:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="393" />
            <source>Scenario hernoemen</source>
            <translation>Rename scenario</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="393" />
            <source>Nieuwe naam:</source>
            <translation>New name:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="404" />
            <source>Scenario verwijderen</source>
            <translation>Delete scenario</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="405" />
            <source>Scenario '{0}' verwijderen?</source>
            <translation>Delete scenario '{0}'?</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="414" />
            <source>Vink ten minste twee scenario's aan om te vergelijken.</source>
            <translation>Tick at least two scenarios to compare.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="436" />
            <source>Bezig met vergelijken…</source>
            <translation>Comparing…</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="441" />
            <source>Vergelijken mislukt: {0}</source>
            <translation>Comparison failed: {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="457" />
            <source>{0} scenario's vergeleken; gemarkeerde rijen verschillen.</source>
            <translation>{0} scenarios compared; highlighted rows differ.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="474" />
            <source>kengetal</source>
            <translation>key figure</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="474" />
            <source>eenheid</source>
            <translation>unit</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="492" />
            <source>Invoer</source>
            <translation>Input</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/scenarios.py" line="509" />
            <source>Uitkomst</source>
            <translation>Outcome</translation>
        </message>
    </context>
    <context>
        <name>SearchField</name>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" line="36" />
            <source>Zoek BAG-id, adres of postcode</source>
            <extracomment>At most this many hits are listed to choose from.</extracomment>
            <translation>Search BAG id, address or postcode</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" line="39" />
            <source>Zoeken op BAG pand-id, adres (straat huisnummer, plaats) of postcode;
Enter selecteert alle treffers en zoomt ernaar.</source>
            <translation>Search by BAG building id, address (street number, town) or postcode;
Enter selects all matches and zooms to them.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" line="92" />
            <location filename="../../gis_app/ui/panels/search.py" line="141" />
            <source>Gevonden: {hit}</source>
            <translation>Found: {hit}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" line="105" />
            <source>Niets gevonden voor '{query}'</source>
            <translation>Nothing found for '{query}'</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" line="120" />
            <source>Alle {n} panden selecteren</source>
            <translation>Select all {n} buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" line="129" />
            <source>… en {n} meer</source>
            <translation>… and {n} more</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" line="132" />
            <source>{n} panden gevonden: kies er een uit de lijst</source>
            <translation>{n} buildings found: choose one from the list</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/search.py" line="144" />
            <source>{n} panden gevonden</source>
            <translation>{n} buildings found</translation>
        </message>
    </context>
    <context>
        <name>ShareSlider</name>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="73" />
            <source>snelheid</source>
            <translation>speed</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/workspace.py" line="74" />
            <source>maatwerk</source>
            <translation>bespoke</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <location filename="../../gis_app/ui/help.py" line="74" />
            <source>Kaart</source>
            <translation>Map</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" line="78" />
            <source>Paneel {name}</source>
            <translation>Panel {name}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" line="94" />
            <source>Ongedaan maken</source>
            <translation>Undo</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" line="98" />
            <source>Opnieuw</source>
            <translation>Redo</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" line="129" />
            <source>Sneltoetsen</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" line="134" />
            <source>Letters zonder Ctrl (de kaarttools) werken als de kaart de focus heeft. F6 en Shift+F6 gaan naar het volgende of vorige paneel; Tab loopt door de velden van een paneel; Alt met de onderstreepte letter opent een menu.</source>
            <translation>Letters without Ctrl (the map tools) work when the map has the focus. F6 and Shift+F6 go to the next or previous panel; Tab moves through the fields of a panel; Alt with the underlined letter opens a menu.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" line="141" />
            <source>Menu</source>
            <translation>Menu</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" line="141" />
            <source>Actie</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/help.py" line="141" />
            <source>Toets</source>
            <translation>Key</translation>
        </message>
    </context>
    <context>
        <name>SplitClusterTool</name>
        <message>
            <location filename="../../gis_app/ui/clusters/tools.py" line="312" />
            <source>De lijn snijdt geen cluster in tweeën.</source>
            <translation>The line does not cut any cluster in two.</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" line="46" />
            <source>Cursorpositie in RD New (EPSG:28992), meter</source>
            <translation>Cursor position in RD New (EPSG:28992), metres</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" line="47" />
            <source>Cursorpositie in WGS84 (breedte, lengte)</source>
            <translation>Cursor position in WGS84 (latitude, longitude)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" line="48" />
            <source>Kaartschaal; typ een schaal als 1:5000 en Enter</source>
            <translation>Map scale; type a scale such as 1:5000 and Enter</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" line="49" />
            <source>Aantal geselecteerde panden</source>
            <translation>Number of selected buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" line="65" />
            <source>RD x –, y –</source>
            <translation>RD x –, y –</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" line="66" />
            <source>WGS84 –</source>
            <translation>WGS84 –</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" line="69" />
            <source>RD x {x}, y {y} m</source>
            <translation>RD x {x}, y {y} m</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" line="71" />
            <source>{lat}° N, {lon}° O</source>
            <translation>{lat}° N, {lon}° E</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" line="84" />
            <source>Ongeldige schaal; typ bijvoorbeeld 1:5000</source>
            <translation>Invalid scale; type for example 1:5000</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" line="93" />
            <source>{n} panden geselecteerd</source>
            <translation>{n} buildings selected</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/shell/status_bar.py" line="95" />
            <source>1 pand geselecteerd</source>
            <translation>1 building selected</translation>
        </message>
    </context>
    <context>
        <name>StylePanel</name>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="58" />
            <source>Risicoprofiel</source>
            <extracomment>Text columns offered for a categorical style (others are ids or personal data).</extracomment>
            <translation>Risk profile</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="59" />
            <source>Mijlpaal (NCG)</source>
            <translation>Milestone (NCG)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="60" />
            <source>Numeriek veld in klassen</source>
            <translation>Numeric field in classes</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="61" />
            <source>Categorieën van een veld</source>
            <translation>Categories of a field</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="62" />
            <source>Gereed volgens planning (jaar)</source>
            <translation>Done according to plan (year)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="63" />
            <source>Aanpak volgens planning</source>
            <translation>Approach according to plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="66" />
            <source>Kwantielen (gelijke aantallen)</source>
            <translation>Quantiles (equal counts)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="67" />
            <source>Gelijke intervallen</source>
            <translation>Equal intervals</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="68" />
            <source>Natuurlijke grenzen (Jenks)</source>
            <translation>Natural breaks (Jenks)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="72" />
            <source>Omtrek van panden tekenen</source>
            <translation>Draw building outlines</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="74" />
            <source>Geen</source>
            <translation>None</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="75" />
            <source>BAG-id</source>
            <translation>BAG id</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="76" />
            <source>Adres</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="77" />
            <source>Labels verschijnen als ver genoeg is ingezoomd.</source>
            <translation>Labels appear when zoomed in far enough.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="80" />
            <source>Kleur op:</source>
            <translation>Colour by:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="81" />
            <source>Veld:</source>
            <translation>Field:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="83" />
            <source>Indeling:</source>
            <translation>Classification:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="85" />
            <source>Aantal klassen:</source>
            <translation>Number of classes:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/style_panel.py" line="88" />
            <source>Labels:</source>
            <translation>Labels:</translation>
        </message>
    </context>
    <context>
        <name>SuggestClustersDialog</name>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="61" />
            <source>Voorstel clusters</source>
            <extracomment>The dialog's minimum cluster size: pairs and single houses are not worth a cluster of their own when they cannot join a neighbour (the command line keeps 1).</extracomment>
            <translation>Suggest clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="81" />
            <source>Kleine groepen voegen eerst samen met een buurgroep binnen 40 m als de grenzen dat toelaten; wat dan nog kleiner is, wordt geen cluster. Die panden blijven zonder cluster en worden per gemeente na de clusters gepland.</source>
            <translation>Small groups first merge with a neighbouring group within 40 m if the limits allow it; what is still smaller does not become a cluster. Those buildings stay without a cluster and are planned per municipality after the clusters.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="87" />
            <source>Bestaande clusters vervangen</source>
            <translation>Replace existing clusters</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="90" />
            <source>Uit: bestaande clusters blijven staan en houden hun panden; alleen panden zonder cluster worden gegroepeerd.</source>
            <translation>Off: existing clusters stay and keep their buildings; only buildings without a cluster are grouped.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="95" />
            <source>Maximaal aantal panden per cluster</source>
            <translation>Maximum number of buildings per cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="96" />
            <source>Maximale spreiding (diagonaal)</source>
            <translation>Maximum spread (diagonal)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="98" />
            <source>Panden samen als ze minder dan ... uit elkaar staan</source>
            <translation>Buildings together when less than ... apart</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="100" />
            <source>Minimaal aantal panden per cluster</source>
            <translation>Minimum number of buildings per cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="108" />
            <source>Voorstel maken</source>
            <translation>Make suggestion</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="112" />
            <source>Overnemen</source>
            <translation>Accept</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="139" />
            <source>Er zijn geen panden om te groeperen.</source>
            <translation>There are no buildings to group.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="167" />
            <source>De clusters zijn intussen gewijzigd; maak het voorstel opnieuw.</source>
            <translation>The clusters have changed in the meantime; make the suggestion again.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/suggest.py" line="180" />
            <source>%n clusters voorgesteld.</source>
            <translation>
                <numerusform>%n cluster suggested.</numerusform>
                <numerusform>%n clusters suggested.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="184" />
            <source>1 kleinere groep weggelaten; </source>
            <translation>1 smaller group left out; </translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/suggest.py" line="186" />
            <source>%n kleinere groepen weggelaten; </source>
            <translation>
                <numerusform>%n smaller group left out; </numerusform>
                <numerusform>%n smaller groups left out; </numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="189" />
            <source>1 pand blijft zonder cluster.</source>
            <translation>1 building stays without a cluster.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="191" />
            <source>%1 panden blijven zonder cluster.</source>
            <translation>%1 buildings stay without a cluster.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="198" />
            <source>Kleinste cluster: %1 panden, grootste: %2.</source>
            <translation>Smallest cluster: %1 buildings, largest: %2.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="203" />
            <source>Op de kaart: de voorgestelde omtrekken (gestreept).</source>
            <translation>On the map: the suggested outlines (dashed).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/clusters/suggest.py" line="226" />
            <source>Voorstel mislukt: %1</source>
            <translation>Suggestion failed: %1</translation>
        </message>
    </context>
    <context>
        <name>TaskProgressDialog</name>
        <message>
            <location filename="../../gis_app/ui/tasks.py" line="477" />
            <source>Annuleren</source>
            <extracomment>Threads of the pool: enough that a long plan or export never keeps the map waiting (each latest-wins key runs one task at a time, so this bounds distinct kinds of work).</extracomment>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/tasks.py" line="507" />
            <source>Bezig met afbreken...</source>
            <translation>Cancelling...</translation>
        </message>
    </context>
    <context>
        <name>TimelineView</name>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="441" />
            <source>Zoek cluster (naam of id)</source>
            <translation>Search cluster (name or id)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="444" />
            <source>Gemeente van de meeste panden van de cluster</source>
            <translation>Municipality of most of the cluster's buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="446" />
            <source>Risicoprofiel van de cluster</source>
            <translation>Risk profile of the cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="447" />
            <source>Alle profielen</source>
            <translation>All profiles</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="449" />
            <location filename="../../gis_app/ui/planning/timeline.py" line="526" />
            <source>vooral {0}</source>
            <translation>mostly {0}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="450" />
            <source>met verhoogde panden</source>
            <translation>with verhoogd buildings</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="452" />
            <source>Aannemer in de planning</source>
            <translation>Contractor in the plan</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="455" />
            <source>Tijdas inzoomen (Ctrl+muiswiel, +)</source>
            <translation>Zoom in on the time axis (Ctrl+mouse wheel, +)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="457" />
            <source>Tijdas uitzoomen (Ctrl+muiswiel, −)</source>
            <translation>Zoom out on the time axis (Ctrl+mouse wheel, −)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="460" />
            <source>Hele periode</source>
            <translation>Whole period</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="461" />
            <source>Naar selectie</source>
            <translation>To selection</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="462" />
            <source>Scroll naar de geselecteerde cluster</source>
            <translation>Scroll to the selected cluster</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="511" />
            <location filename="../../gis_app/ui/planning/timeline.py" line="693" />
            <source>Alle gemeenten</source>
            <translation>All municipalities</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="512" />
            <location filename="../../gis_app/ui/planning/timeline.py" line="694" />
            <source>Alle aannemers</source>
            <translation>All contractors</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="529" />
            <source>lichte band: voorbereiding</source>
            <translation>light band: preparation</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="531" />
            <source>arcering: deel maatwerk</source>
            <translation>hatching: bespoke part</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="532" />
            <source>startdatum plan</source>
            <translation>plan start date</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="534" />
            <source>geselecteerd</source>
            <translation>selected</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="605" />
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
            <location filename="../../gis_app/ui/planning/timeline.py" line="732" />
            <source>1 cluster in de planning</source>
            <translation>1 cluster in the plan</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gis_app/ui/planning/timeline.py" line="734" />
            <source>%n clusters in de planning</source>
            <translation>
                <numerusform>%n cluster in the plan</numerusform>
                <numerusform>%n clusters in the plan</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/planning/timeline.py" line="737" />
            <source>%1 van %2 clusters</source>
            <translation>%1 of %2 clusters</translation>
        </message>
    </context>
    <context>
        <name>VectorStyleDialog</name>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="107" />
            <source>Stijl van {layer}</source>
            <translation>Style of {layer}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="108" />
            <source>Vulling</source>
            <translation>Fill</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="115" />
            <source>Omtrek</source>
            <translation>Outline</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="122" />
            <source> px</source>
            <translation> px</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="126" />
            <source>Dekking vulling:</source>
            <translation>Fill opacity:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/panels/layers_panel.py" line="128" />
            <source>Lijndikte:</source>
            <translation>Line width:</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="34" />
            <source>Panden (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;Alle bestanden (*)</source>
            <translation>Buildings (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="37" />
            <source>Risicotabel (*.csv *.xlsx);;Alle bestanden (*)</source>
            <translation>Risk table (*.csv *.xlsx);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="64" />
            <source>&lt;h2&gt;Welkom bij gis_app&lt;/h2&gt;</source>
            <translation>&lt;h2&gt;Welcome to gis_app&lt;/h2&gt;</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="67" />
            <source>Panden en risico op de kaart, clusters van buren, snelheid tegen maatwerk en werkpakketten voor aannemers. Het voorbeeldgebied laat een complete planning zien.</source>
            <translation>Buildings and risk on the map, clusters of neighbours, speed against bespoke solutions and work packages for contractors. The sample area shows a complete plan.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="76" />
            <source>&amp;Voorbeeldgebied openen</source>
            <translation>Open the &amp;sample area</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="79" />
            <source>15.000 panden met voorgestelde clusters, een planning met 40 bouwstarts per week, werkpakketten en een opgeslagen scenario</source>
            <translation>15,000 buildings with suggested clusters, a plan with 40 construction starts per week, work packages and a saved scenario</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="85" />
            <source>&amp;Project openen...</source>
            <translation>Open a &amp;project...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="87" />
            <source>BAG en risicogegevens &amp;importeren...</source>
            <translation>&amp;Import BAG and risk data...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="89" />
            <source>Pandcontouren (BAG) kiezen en daarna de risicotabel (CSV of Excel)</source>
            <translation>Choose the building footprints (BAG), then the risk table (CSV or Excel)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="92" />
            <source>&amp;Handleiding lezen</source>
            <translation>Read the user &amp;guide</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="103" />
            <source>&amp;Recente projecten:</source>
            <translation>&amp;Recent projects:</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="154" />
            <source>(nog geen)</source>
            <translation>(none yet)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="173" />
            <source>Het voorbeeldgebied ontbreekt: {path}</source>
            <translation>The sample area is missing: {path}</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="178" />
            <source>Voorbeeldgebied</source>
            <translation>Sample area</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="178" />
            <source>Voorbeeldproject maken...</source>
            <translation>Making the sample project...</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="210" />
            <source>BAG-pandcontouren kiezen</source>
            <translation>Choose BAG building footprints</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="216" />
            <source>Risicotabel kiezen (Annuleren: zonder risicotabel)</source>
            <translation>Choose risk table (Cancel: without a risk table)</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="242" />
            <source>Gebied importeren</source>
            <translation>Import area</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="244" />
            <source>Welk deel van het bestand? Leeg: alles.
Een rechthoek in RD (xmin,ymin,xmax,ymax), gemeentecodes (0003,0010) of een vlakbestand (.gpkg, .shp, .geojson).</source>
            <translation>Which part of the file? Empty: everything.
A rectangle in RD (xmin,ymin,xmax,ymax), municipality codes (0003,0010) or a polygon file (.gpkg, .shp, .geojson).</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="257" />
            <source>Gebied niet herkend</source>
            <translation>Area not recognised</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="277" />
            <source>Importeren</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/welcome.py" line="278" />
            <source>{name} wordt ingelezen...</source>
            <translation>Reading {name}...</translation>
        </message>
    </context>
    <context>
        <name>_PolylineTool</name>
        <message numerus="yes">
            <location filename="../../gis_app/ui/clusters/tools.py" line="189" />
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
            <location filename="../../gis_app/ui/dialogs.py" line="72" />
            <source>Er ging iets onverwachts mis ({kind}). Uw werk staat nog open: sla het project op, eventueel onder een andere naam.</source>
            <translation>Something unexpected went wrong ({kind}). Your work is still open: save the project, under another name if you like.</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/dialogs.py" line="94" />
            <source>Fout</source>
            <translation>Error</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/dialogs.py" line="104" />
            <source>Onverwachte fout</source>
            <translation>Unexpected error</translation>
        </message>
        <message>
            <location filename="../../gis_app/ui/dialogs.py" line="106" />
            <source>De details staan in het logbestand:
{path}</source>
            <translation>The details are in the log file:
{path}</translation>
        </message>
    </context>
</TS>
