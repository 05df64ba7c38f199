Console.WriteLine("sagabridge");
