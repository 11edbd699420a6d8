package org.samtal.privacy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataScannerTest {
    private final PersonalDataScanner scanner = new PersonalDataScanner();

    private List<String> kinds(String text) {
        return scanner.scan(text).stream().map(Finding::kind).toList();
    }

    @Test
    void findsKennitalaOnlyWithAValidDateCenturyAndCheckDigit() {
        assertThat(kinds("Kennitalan mín er 120174-3399.")).containsExactly("kennitala");
        assertThat(kinds("kt. 0101907899")).containsExactly("kennitala");
        assertThat(kinds("Fyrirtækið 450601-1289 ehf.")).containsExactly("kennitala"); // a company: day + 40
        // the check digit fails: not a certain hit, but date-shaped, so flagged as probable
        assertThat(kinds("Númerið 120174-3389 er rangt.")).containsExactly("kennitala_probable");
        // no date, or no century digit: nothing
        assertThat(kinds("Pöntun 3299871234 og 1201743391.")).isEmpty();
    }

    @Test
    void findsPhoneNumbersInDigitsAndInWords() {
        assertThat(kinds("Hringdu í 555 1234 eða 8991234.")).containsExactly("phone", "phone");
        assertThat(kinds("Síminn er +354 555-1234.")).containsExactly("phone");
        assertThat(kinds("Call +44 20 7946 0958 today.")).containsExactly("phone");
        assertThat(kinds("Númerið er fimm fimm fimm einn tveir þrír fjórir, takk.")).containsExactly("phone_spelled");
        // look-alikes: years, times, short counts, numbers starting with 1-3
        assertThat(kinds("Árið 1998 klukkan 14:30 komu 1234567 manns og einn tveir þrír.")).isEmpty();
    }

    @Test
    void findsEmailIbanCardsAndAddresses() {
        assertThat(kinds("Sendu á jon.jonsson@dæmi.is strax.")).containsExactly("email");
        // an Icelandic IBAN holds a kennitala: one finding, the IBAN
        assertThat(kinds("Reikningur IS14 0159 2600 7654 5510 7303 39.")).containsExactly("iban");
        assertThat(kinds("IS14 0159 2600 7654 5510 7303 38")).doesNotContain("iban"); // mod-97 fails
        assertThat(kinds("Kortið 4111 1111 1111 1111 rennur út.")).containsExactly("payment_card");
        assertThat(kinds("Kortið 4111 1111 1111 1112 rennur út.")).doesNotContain("payment_card"); // Luhn fails
        assertThat(kinds("Hún býr á Laugavegur 22 og vinnur við Bankastræti 5.")).containsExactly("address", "address");
    }

    @Test
    void findingsNeverCarryTheValue() {
        Finding f = scanner.scan("Kennitalan mín er 120174-3399.").get(0);
        assertThat(f.masked()).doesNotContain("120174").doesNotContain("3399").contains("kennitala");
    }
}
